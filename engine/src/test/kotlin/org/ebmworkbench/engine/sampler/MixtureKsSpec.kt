package org.ebmworkbench.engine.sampler

import ai.djl.ndarray.types.Shape
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.TestSupport.toDoubles
import org.ebmworkbench.engine.tensor.Parameters

/**
 * MALA and HMC on 0.35 N(−1.5, 0.6²) + 0.65 N(1.5, 0.8²), with all 4096 chains started in the left mode: after
 * burn-in the chains pass a KS test against the exact CDF at α = 0.001 (critical D = 1.95/√4096 = 0.030). The chains
 * are independent (shared start, own noise), so the KS sample size is the number of chains. To pass, 65 % of the mass
 * must cross the barrier (1.3 nats above the left mode), so this checks mixing between modes, not just local moves.
 */
class MixtureKsSpec : FunSpec({
    val mixture = GaussianMixture1d(doubleArrayOf(0.35, 0.65), doubleArrayOf(-1.5, 1.5), doubleArrayOf(0.6, 0.8))
    val chains = 4096
    val critical = ksCritical(chains, 0.001)

    fun ks(sampler: Sampler, steps: Int, seed: Int): Double = TestSupport.withManager { m ->
        TestSupport.seed(seed)
        val start = m.full(Shape(chains.toLong(), 1), -1.5f)
        val samples = sampler.run(mixture, Parameters.empty(), start, steps, m).samples()
        ksStatistic(samples.toDoubles(), mixture::cdf)
    }

    test("MALA (h = 0.3, 600 steps) passes the KS test against the exact mixture CDF") {
        // Kramers estimate of the mode-switching relaxation time: about 50 steps at h = 0.3, so 600 steps are 11 of them.
        ks(MalaSampler.builder().optStepSize(0.3).build(), 600, 5) shouldBeLessThan critical
    }

    test("HMC (ε = 0.3, L = 5, 150 transitions) passes the KS test against the exact mixture CDF") {
        ks(HmcSampler.builder().optStepSize(0.3).optLeapfrogSteps(5).build(), 150, 6) shouldBeLessThan critical
    }

    test("the KS test has power: after 5 MALA steps the chains are still in the left mode and fail it") {
        ks(MalaSampler.builder().optStepSize(0.3).build(), 5, 7) shouldBeGreaterThan critical
    }
})
