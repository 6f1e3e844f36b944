package org.ebmworkbench.engine.tensor

import ai.djl.engine.Engine
import ai.djl.ndarray.index.NDIndex
import ai.djl.ndarray.types.Shape
import ai.djl.pytorch.engine.PtNDArray
import ai.djl.pytorch.jni.JniUtils
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.energy.QuadraticEnergy

/**
 * Autograd.inputGradient on the Gaussian energy E = ½(x − μ)ᵀΛ(x − μ) (float64), where ∇E = Λ(x − μ) and the Hessian
 * is Λ: values, second derivatives, and the property that matters for memory: nothing is accumulated into any
 * tensor's .grad (an accumulated gradient with a graph would be a reference cycle that leaks the step's activations).
 */
class AutogradTest : FunSpec({
    val mean = doubleArrayOf(0.4, -0.3)
    val lambda = arrayOf(doubleArrayOf(1.44, 0.6), doubleArrayOf(0.6, 0.89)) // L Lᵀ for L = [[1.2, 0], [0.5, 0.8]]

    test("∇ₓE and a Hessian column, with no gradient stored on the input or the parameters") {
        TestSupport.withManager { m ->
            val energy = QuadraticEnergy(2, true)
            val params = Parameters.builder()
                .add(QuadraticEnergy.MEAN, m.create(mean))
                .add(QuadraticEnergy.FACTOR, m.create(doubleArrayOf(1.2, 0.0, 0.5, 0.8), Shape(2, 2)))
                .build().requireGradients()
            val xs = doubleArrayOf(0.1, 0.2, -1.0, 0.5, 2.0, -0.7)
            Engine.getInstance().newGradientCollector().use {
                val x = Autograd.inputLeaf(m.create(xs, Shape(3, 2)))
                val g = Autograd.inputGradient(energy.energy(params, x).sum(), x)
                val column0 = Autograd.inputGradient(g.get(NDIndex(":, 0")).sum(), x)
                val gv = g.toDoubleArray()
                val hv = column0.toDoubleArray()
                for (i in 0..2) for (k in 0..1) {
                    val expected = lambda[k][0] * (xs[2 * i] - mean[0]) + lambda[k][1] * (xs[2 * i + 1] - mean[1])
                    gv[2 * i + k] shouldBe (expected plusOrMinus 1e-12)
                    hv[2 * i + k] shouldBe (lambda[0][k] plusOrMinus 1e-12)
                }
                JniUtils.getGradient(x as PtNDArray).shouldBeNull()
                for (p in params.arrays()) JniUtils.getGradient(p as PtNDArray).shouldBeNull()
            }
        }
    }

    test("misuse fails with a clear message") {
        TestSupport.withManager { m ->
            val x = m.create(doubleArrayOf(1.0, 2.0), Shape(1, 2))
            shouldThrow<IllegalArgumentException> { Autograd.inputGradient(x.sum(), x) }
                .message!! shouldContain "does not require a gradient"
            val leaf = Autograd.inputLeaf(x)
            shouldThrow<IllegalArgumentException> { Autograd.inputGradient(leaf.mul(2), leaf) }
                .message!! shouldContain "must be a scalar"
            Engine.getInstance().newGradientCollector().use {
                shouldThrow<IllegalStateException> { Autograd.inputGradient(m.create(3.0).sum(), leaf) }
                    .message!! shouldContain "torch.autograd.grad failed"
            }
        }
    }
})
