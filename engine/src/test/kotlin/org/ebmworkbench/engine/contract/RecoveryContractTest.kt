package org.ebmworkbench.engine.contract

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.TestSupport.toDoubles
import org.ebmworkbench.engine.energy.QuadraticEnergy
import org.ebmworkbench.engine.proposal.DiagonalGaussianProposal
import org.ebmworkbench.engine.tensor.Tensors
import org.ebmworkbench.engine.train.OptimizerConfig
import org.ebmworkbench.engine.train.Trainer
import org.ebmworkbench.engine.train.TrainingResult
import kotlin.math.PI
import kotlin.math.ln
import kotlin.math.sqrt

/**
 * Every registered objective recovers a correlated 2-D Gaussian with the Gaussian energy E = ½ (x − μ)ᵀ L Lᵀ (x − μ),
 * and every learned normaliser converges to log Z of the fitted energy.
 *
 * Data: n = 4096 draws of N(μ, Σ), μ = (1, −0.5), Σ = [[1, 0.54], [0.54, 0.81]] (correlation 0.6). Errors of the
 * precision are relative Frobenius errors ‖Λ̂ − Λ‖_F / ‖Λ‖_F with Λ̂ = L̂L̂ᵀ. Criteria:
 *  1. against the truth: |μ̂ⱼ − μⱼ| ≤ 0.05 and precision error ≤ 10 %. The maximum-likelihood estimates have
 *     SE(μ̂ⱼ) = √(Σⱼⱼ/n) ≤ 0.016 (0.05 is > 3 SE) and a precision error of SD ≈ √(2/n)·1.2 ≈ 2.7 % (10 % ≈ 3.7 SE);
 *     this sample's own MLE is 6.0 % from the truth.
 *  2. against the estimate the objective targets on this very sample: |μ̂ⱼ − x̄ⱼ| ≤ 0.03 and precision error ≤ 3 %
 *     (≈ 1 SE of the MLE) relative to S⁻¹, S the (1/n) sample covariance, or (S + smoothing·I)⁻¹ for an objective
 *     that fits the noise-smoothed density (DSM). On the same data the objectives differ from those only by their
 *     efficiency loss and the optimiser's noise.
 * Training: the entry's [RecoveryRun] (Adam from μ = 0, L = I, EMA 0.99 of the parameters, averaging the stochastic
 * objectives' step noise over ~100 steps), seeded per entry; proposal (for those that use one) axis-aligned
 * N(x̄, diag(1.5 sⱼ)²): it covers the data but is not the answer. The SNL entry subsumes target T1 of
 * docs/methods.md §8.3 (there with a unit precision in 1-D).
 */
class RecoveryContractTest : FunSpec({
    val n = 4096
    val data = ObjectiveFixtures.correlatedGaussian(n, seed = 42)
    val energy = QuadraticEnergy(2, true)
    val sampleMean = data.mean()
    val sampleCovariance = data.covariance()

    fun inverse(a: Array<DoubleArray>): DoubleArray {
        val det = a[0][0] * a[1][1] - a[0][1] * a[1][0]
        return doubleArrayOf(a[1][1] / det, -a[0][1] / det, -a[1][0] / det, a[0][0] / det)
    }

    fun relativeError(estimate: DoubleArray, target: DoubleArray): Double =
        sqrt(estimate.indices.sumOf { (estimate[it] - target[it]).let { d -> d * d } }) / sqrt(target.sumOf { it * it })

    /** The fitted mean, precision (row-major) and normaliser, on the host. */
    class Fit(val mean: DoubleArray, val precision: DoubleArray, val normaliser: Double?)

    val fits = mutableMapOf<String, Fit>()

    /** Trains once per entry; the recovery and the normaliser tests share the run. */
    fun fit(entry: ObjectiveEntry, seed: Long): Fit = fits.getOrPut(entry.name) {
        TestSupport.withManager { m ->
            val proposal = DiagonalGaussianProposal(m, sampleMean,
                doubleArrayOf(1.5 * sqrt(sampleCovariance[0][0]), 1.5 * sqrt(sampleCovariance[1][1])))
            val run = entry.recovery
            val result = Trainer.builder()
                .setEnergy(energy).setObjective(entry.make()).optProposal(proposal)
                .setData(data).optBatchSize(run.batchSize).setSteps(run.steps)
                .optOptimizer(OptimizerConfig.adam(run.learningRate)).optEma(0.99).optSeed(seed).optLogEvery(run.steps.toInt())
                .build().train(m)
            result.outcome() shouldBe TrainingResult.Outcome.COMPLETED
            val p = result.evaluationParameters()
            Fit(p.get(QuadraticEnergy.MEAN).toDoubles(), energy.precision(p).toDoubles(),
                entry.normaliser?.let { Tensors.scalar(p.get(it)) })
        }
    }

    Registry.objectives.forEachIndexed { index, entry ->
        val seed = 100L + index

        entryTest(entry, "recovers μ within 0.05 and Λ within 10 % of the truth, and this sample's own fit") {
            val f = fit(entry, seed)
            for (j in 0..1) withClue("mean[$j] = ${f.mean[j]}") {
                f.mean[j] shouldBe (ObjectiveFixtures.MEAN[j] plusOrMinus 0.05)
                f.mean[j] shouldBe (sampleMean[j] plusOrMinus 0.03)
            }
            val truth = ObjectiveFixtures.PRECISION.flatMap { it.asIterable() }.toDoubleArray()
            withClue("precision ${f.precision.toList()} against the truth") {
                relativeError(f.precision, truth) shouldBeLessThan 0.10
            }
            val target = Array(2) { i -> DoubleArray(2) { j -> sampleCovariance[i][j] + if (i == j) entry.smoothing else 0.0 } }
            withClue("precision ${f.precision.toList()} against this sample's fit") {
                relativeError(f.precision, inverse(target)) shouldBeLessThan 0.03
            }
        }

        if (entry.normaliser != null) {
            entryTest(entry, "its normaliser ${entry.normaliser} converges to log Z = log 2π − ½ log det Λ̂") {
                val f = fit(entry, seed)
                // QuadraticEnergy carries no normaliser: Z = ∫ exp(−½(x−μ)ᵀΛ(x−μ)) dx = 2π det(Λ)^{−1/2} in 2-D. At the
                // optimum the normaliser is log Z of the fitted energy; its step noise (fresh samples each step,
                // EMA over ~100 steps) is of order 0.005: tolerance 0.02.
                val p = f.precision
                val logZ = ln(2 * PI) - 0.5 * ln(p[0] * p[3] - p[1] * p[2])
                f.normaliser!! shouldBe (logZ plusOrMinus 0.02)
            }
        }
    }
})
