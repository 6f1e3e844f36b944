package org.ebmworkbench.engine.energy

import ai.djl.engine.Engine
import ai.djl.ndarray.types.DataType
import ai.djl.ndarray.types.Shape
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.sampler.FiveSiteIsing
import org.ebmworkbench.engine.tensor.Parameters

/**
 * The energies of discrete data. Ising: E equals −(sᵀJs + bᵀs) computed on the host for every state; whatever the free
 * weight W, the couplings are symmetric with a zero diagonal, and the diagonal of W receives no gradient (it does not
 * enter the energy). One-hot: the energy of categorical rows is the inner energy of their concatenated one-hot codes.
 */
class DiscreteEnergiesTest : FunSpec({
    test("Ising: E(x) = −(sᵀJs + bᵀs), s = 2x − 1, on all 32 states of the 5-site model") {
        TestSupport.withManager { m ->
            val states = (0 until 32).flatMap { s -> (0 until 5).map { ((s shr it) and 1).toFloat() } }.toFloatArray()
            val energies = FiveSiteIsing.energy.energy(FiveSiteIsing.params(m), m.create(states, Shape(32, 5))).toFloatArray()
            for (s in 0 until 32) energies[s].toDouble() shouldBe (FiveSiteIsing.energyOf(s) plusOrMinus 1e-5)
        }
    }

    test("Ising: J is symmetric with zero diagonal for any W, and W's diagonal gets no gradient") {
        TestSupport.withManager { m ->
            TestSupport.seed(8)
            val d = 6
            val energy = IsingEnergy.builder().setInputDim(d).optInitStd(1.0).build()
            val params = energy.initialize(m).requireGradients()
            val j = energy.couplings(params).toFloatArray()
            val w = params.get(IsingEnergy.WEIGHT).toFloatArray()
            for (a in 0 until d) {
                j[a * d + a].toDouble() shouldBe (0.0 plusOrMinus 0.0)
                for (b in 0 until d) {
                    j[a * d + b] shouldBe j[b * d + a]
                    if (a != b) j[a * d + b].toDouble() shouldBe ((w[a * d + b] + w[b * d + a]) / 2.0 plusOrMinus 1e-6)
                }
            }
            val x = m.randomUniform(0f, 1f, Shape(64, d.toLong())).lt(0.5f).toType(DataType.FLOAT32, false)
            Engine.getInstance().newGradientCollector().use { it.backward(energy.energy(params, x).sum()) }
            val grad = params.get(IsingEnergy.WEIGHT).gradient.toFloatArray()
            for (a in 0 until d) grad[a * d + a].toDouble() shouldBe (0.0 plusOrMinus 0.0)
            energy.bias(params).shape shouldBe Shape(d.toLong())
        }
    }

    test("one-hot: the energy of categorical rows is the inner energy of their one-hot codes") {
        TestSupport.withManager { m ->
            TestSupport.seed(9)
            val inner = MlpEnergy.builder().setInputDim(3 * 4).setHidden(8).build()
            val energy = OneHotEnergy(inner, 4)
            energy.inputDim() shouldBe 3
            val params: Parameters = energy.initialize(m)
            val rows = floatArrayOf(0f, 3f, 1f, 2f, 2f, 0f)
            val codes = FloatArray(2 * 12).also { c ->
                for (r in 0 until 2) for (v in 0 until 3) c[r * 12 + v * 4 + rows[r * 3 + v].toInt()] = 1f
            }
            val direct = inner.energy(params, m.create(codes, Shape(2, 12))).toFloatArray()
            energy.energy(params, m.create(rows, Shape(2, 3))).toFloatArray().toList() shouldBe direct.toList()
            shouldThrow<IllegalArgumentException> { OneHotEnergy(inner, 5) }.message!! shouldContain "oneHot.categories"
        }
    }
})
