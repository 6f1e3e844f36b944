package org.ebmworkbench.engine.contract

import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.Shape
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.TestSupport.toDoubles
import org.ebmworkbench.engine.sampler.CorrelatedGaussian
import org.ebmworkbench.engine.sampler.GaussianMixture1d
import org.ebmworkbench.engine.sampler.Moments
import org.ebmworkbench.engine.sampler.Sampler
import org.ebmworkbench.engine.sampler.SamplerResult
import org.ebmworkbench.engine.sampler.ksCritical
import org.ebmworkbench.engine.sampler.ksStatistic
import org.ebmworkbench.engine.tensor.Parameters
import org.ebmworkbench.engine.tensor.Tensors

/**
 * The law of every registered sampler.
 *
 * Gaussian: on the correlated 2-D Gaussian of [CorrelatedGaussian], 4096 chains from one far point end, after the
 * entry's burn-in, with the target's mean and the entry's stationary covariance (the target's for MH-corrected
 * samplers, a closed form for the unadjusted ones, which are linear on a Gaussian) within 4 standard errors (see
 * [Moments]). Where that law differs from the target, the target itself must be rejected: the test can tell them apart,
 * so a wrong update convention (say a drift of h instead of h/2) is caught.
 *
 * Mixture: on 0.35 N(−1.5, 0.6²) + 0.65 N(1.5, 0.8²), with all 4096 chains started in the left mode, the chains pass
 * a KS test against the exact CDF at α = 0.001 (critical D = 1.95/√4096 = 0.030, plus the entry's own bias). The
 * chains are independent (shared start, own noise), so the KS sample size is the number of chains. To pass, 65 % of
 * the mass must cross the barrier (1.3 nats above the left mode), so this checks mixing between modes; after 5 steps
 * the same test must fail (it has power).
 *
 * Acceptance: the MH-corrected samplers' acceptance rate rises towards 1 as the step shrinks (MALA's rejection rate
 * is O(h^{3/2}), HMC's O(ε²) per unit of trajectory) and exceeds 0.99 at the smallest; unadjusted samplers report
 * exactly 1. Chains start at exact draws from the target, so the rate is the stationary one from the first step;
 * each rate averages 4096 chains x 20 steps = 81 920 decisions, a standard error below 0.002, far below the gaps
 * between the step sizes.
 */
class SamplerLawContractTest : FunSpec({
    val target = CorrelatedGaussian
    val chains = 4096
    val mixture = GaussianMixture1d(doubleArrayOf(0.35, 0.65), doubleArrayOf(-1.5, 1.5), doubleArrayOf(0.6, 0.8))
    val critical = ksCritical(chains, 0.001)

    fun ks(sampler: Sampler, steps: Int, seed: Int): Double = TestSupport.withManager { m ->
        TestSupport.seed(seed)
        val start = m.full(Shape(chains.toLong(), 1), -1.5f)
        ksStatistic(sampler.run(mixture, Parameters.empty(), start, steps, m).samples().toDoubles(), mixture::cdf)
    }

    /** Exact draws x = μ + z L⁻¹ with z ~ N(0, I): their covariance is L⁻ᵀ L⁻¹ = (L Lᵀ)⁻¹. */
    fun exactDraws(m: NDManager, n: Int): NDArray {
        val inv = target.factor.inverse()
        val linv = m.create(floatArrayOf(inv.a.toFloat(), inv.b.toFloat(), inv.c.toFloat(), inv.d.toFloat()), Shape(2, 2))
        val mu = m.create(floatArrayOf(target.mean[0].toFloat(), target.mean[1].toFloat()))
        return m.randomNormal(Shape(n.toLong(), 2)).matMul(linv).add(mu)
    }

    fun acceptance(sampler: Sampler, seed: Int): Double = TestSupport.withManager { m ->
        TestSupport.seed(seed)
        val result = sampler.run(target.energy, target.params(m), exactDraws(m, chains), 20, m)
        Tensors.scalar(result.diagnostic(SamplerResult.ACCEPTANCE_RATE))
    }

    Registry.samplers.forEachIndexed { index, entry ->
        val seed = 10 * index

        entryTest(entry, "on a correlated Gaussian ends at the mean and its stationary covariance") {
            val case = entry.gaussian
            val expected = case.stationaryCovariance(target.precision)
            val moments = TestSupport.withManager { m ->
                TestSupport.seed(seed + 1)
                Moments(case.sampler.run(target.energy, target.params(m), target.farStart(m, chains), case.steps, m).samples())
            }
            moments.shouldMatch(target.mean, expected)
            if ((expected - target.covariance).frobenius() > 0.1 * target.covariance.frobenius()) {
                withClue("control: the chains are distinguishable from the target") {
                    shouldThrow<AssertionError> { moments.shouldMatch(target.mean, target.covariance) }
                }
            }
        }

        entryTest(entry, "passes a KS test on a bimodal mixture, which fails after 5 steps") {
            val case = entry.mixture
            ks(case.sampler, case.steps, seed + 2) shouldBeLessThan critical + case.lawBias
            ks(case.sampler, 5, seed + 3) shouldBeGreaterThan critical + case.lawBias
        }

        val acceptanceClaim = if (entry.metropolisAdjusted) "rises towards 1 as the step shrinks" else "is exactly 1"
        entryTest(entry, "acceptance rate $acceptanceClaim") {
            val rates = entry.shrinkingSteps.map { acceptance(entry.withStep(it), seed + 4) }
            withClue("rates $rates at steps ${entry.shrinkingSteps}") {
                if (entry.metropolisAdjusted) {
                    rates.zipWithNext().forEach { (coarse, fine) -> fine shouldBeGreaterThan coarse }
                    rates.last() shouldBeGreaterThan 0.99
                    rates.first() shouldBeLessThan 1.0
                } else {
                    rates.forEach { it shouldBe 1.0 }
                }
            }
        }
    }
})
