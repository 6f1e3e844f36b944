package org.ebmworkbench.engine.sampler

import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.Shape
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.tensor.Tensors

/**
 * The MH-corrected samplers' acceptance rate tends to 1 as the step tends to 0 (MALA's rejection rate is O(h^{3/2}),
 * HMC's O(ε²) per unit of trajectory). Chains start at exact draws from the target, so the rate is the stationary
 * one from the first step. Each rate averages 4096 chains x 20 steps = 81 920 decisions, a standard error below
 * 0.002, far below the gaps between the step sizes.
 */
class AcceptanceSpec : FunSpec({
    val target = CorrelatedGaussian

    /** Exact draws x = μ + z L⁻¹ with z ~ N(0, I): their covariance is L⁻ᵀ L⁻¹ = (L Lᵀ)⁻¹. */
    fun exactDraws(m: NDManager, n: Int): NDArray {
        val inv = target.factor.inverse()
        val linv = m.create(floatArrayOf(inv.a.toFloat(), inv.b.toFloat(), inv.c.toFloat(), inv.d.toFloat()), Shape(2, 2))
        val mu = m.create(floatArrayOf(target.mean[0].toFloat(), target.mean[1].toFloat()))
        return m.randomNormal(Shape(n.toLong(), 2)).matMul(linv).add(mu)
    }

    fun acceptance(sampler: Sampler, seed: Int): Double = TestSupport.withManager { m ->
        TestSupport.seed(seed)
        val result = sampler.run(target.energy, target.params(m), exactDraws(m, 4096), 20, m)
        Tensors.scalar(result.diagnostic(SamplerResult.ACCEPTANCE_RATE))
    }

    test("MALA: acceptance rises as h falls through 0.5, 0.05, 0.005 and exceeds 0.99 at the smallest") {
        val rates = listOf(0.5, 0.05, 0.005).map { acceptance(MalaSampler.builder().optStepSize(it).build(), 8) }
        rates[1] shouldBeGreaterThan rates[0]
        rates[2] shouldBeGreaterThan rates[1]
        rates[2] shouldBeGreaterThan 0.99
        rates[0] shouldBeLessThan 1.0
    }

    test("HMC: acceptance rises as ε falls through 0.8, 0.2, 0.02 (L = 5) and exceeds 0.99 at the smallest") {
        val rates = listOf(0.8, 0.2, 0.02).map {
            acceptance(HmcSampler.builder().optStepSize(it).optLeapfrogSteps(5).build(), 9)
        }
        rates[1] shouldBeGreaterThan rates[0]
        rates[2] shouldBeGreaterThan rates[1]
        rates[2] shouldBeGreaterThan 0.99
        rates[0] shouldBeLessThan 1.0
    }
})
