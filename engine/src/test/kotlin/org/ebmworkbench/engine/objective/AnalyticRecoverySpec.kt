package org.ebmworkbench.engine.objective

import ai.djl.ndarray.NDManager
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.TestSupport.toDoubles
import org.ebmworkbench.engine.energy.QuadraticEnergy
import org.ebmworkbench.engine.proposal.DiagonalGaussianProposal
import org.ebmworkbench.engine.tensor.Parameters
import org.ebmworkbench.engine.tensor.Tensors
import org.ebmworkbench.engine.train.OptimizerConfig
import org.ebmworkbench.engine.train.Trainer
import org.ebmworkbench.engine.train.TrainingResult
import kotlin.math.PI
import kotlin.math.ln
import kotlin.math.sqrt

/**
 * Every objective recovers a correlated 2-D Gaussian with the Gaussian energy E = ½ (x − μ)ᵀ L Lᵀ (x − μ).
 *
 * Data: n = 4096 draws of N(μ, Σ), μ = (1, −0.5), Σ = [[1, 0.54], [0.54, 0.81]] (correlation 0.6). Errors of the
 * precision are relative Frobenius errors ‖Λ̂ − Λ‖_F / ‖Λ‖_F with Λ̂ = L̂L̂ᵀ. Criteria:
 *  1. against the truth: |μ̂ⱼ − μⱼ| ≤ 0.05 and precision error ≤ 10 %. The maximum-likelihood estimates have
 *     SE(μ̂ⱼ) = √(Σⱼⱼ/n) ≤ 0.016 (0.05 is > 3 SE) and a precision error of SD ≈ √(2/n)·1.2 ≈ 2.7 % (10 % ≈ 3.7 SE);
 *     this sample's own MLE is 6.0 % from the truth.
 *  2. against the estimate the objective targets on this very sample: |μ̂ⱼ − x̄ⱼ| ≤ 0.03 and precision error ≤ 3 %
 *     (≈ 1 SE of the MLE) relative to S⁻¹, S the (1/n) sample covariance; for DSM relative to (S + σ²I)⁻¹, since it
 *     fits the noise-smoothed density. On the same data the objectives differ from those only by their efficiency
 *     loss and the optimiser's noise; over four data seeds the largest such error was 1.3 % (NCE), 0.3 % for the
 *     rest, and ≤ 0.013 for the means (DSM, whose σ = 0.1 noise makes the noisiest gradients).
 * Training: full batch, Adam at lr 0.02 from μ = 0, L = I, 800 steps, EMA 0.99 of the parameters (averaging the
 * stochastic objectives' step noise over ~100 steps); each run seeded.
 */
class AnalyticRecoverySpec : FunSpec({
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

    fun train(m: NDManager, objective: Objective, seed: Long): Parameters {
        // A proposal that covers the data but is not the answer: axis-aligned, 1.5 × the data's std.
        val proposal = DiagonalGaussianProposal(m, sampleMean,
            doubleArrayOf(1.5 * sqrt(sampleCovariance[0][0]), 1.5 * sqrt(sampleCovariance[1][1])))
        val result = Trainer.builder()
            .setEnergy(energy).setObjective(objective).optProposal(proposal)
            .setData(data).optBatchSize(n).setSteps(800)
            .optOptimizer(OptimizerConfig.adam(0.02)).optEma(0.99).optSeed(seed).optLogEvery(800)
            .build().train(m)
        result.outcome() shouldBe TrainingResult.Outcome.COMPLETED
        return result.evaluationParameters()
    }

    /** Asserts criteria 1 and 2; [smoothing] is DSM's σ² (0 otherwise). Returns the learned precision, row-major. */
    fun checkRecovery(p: Parameters, smoothing: Double = 0.0): DoubleArray {
        val mean = p.get(QuadraticEnergy.MEAN).toDoubles()
        val precision = energy.precision(p).toDoubles()
        for (j in 0..1) {
            mean[j] shouldBe (ObjectiveFixtures.MEAN[j] plusOrMinus 0.05)
            mean[j] shouldBe (sampleMean[j] plusOrMinus 0.03)
        }
        relativeError(precision, ObjectiveFixtures.PRECISION.flatMap { it.asIterable() }.toDoubleArray()) shouldBeLessThan 0.10
        val target = Array(2) { i -> DoubleArray(2) { j -> sampleCovariance[i][j] + if (i == j) smoothing else 0.0 } }
        relativeError(precision, inverse(target)) shouldBeLessThan 0.03
        return precision
    }

    test("NCE (ν = 1) recovers μ and Λ, and c converges to log Z = log 2π − ½ log det Λ̂ of the learned model") {
        TestSupport.withManager { m ->
            val p = train(m, NoiseContrastiveEstimation.builder().build(), seed = 1)
            val precision = checkRecovery(p)
            // QuadraticEnergy carries no normaliser: Z = ∫ exp(−½(x−μ)ᵀΛ(x−μ)) dx = (2π)^{D/2} det(Λ)^{−1/2}, D = 2.
            val logZ = ln(2 * PI) - 0.5 * ln(precision[0] * precision[3] - precision[1] * precision[2])
            // At the NCE optimum c = log Z of the fitted energy; over four data seeds |c − log Z(θ̂)| ≤ 0.005, and the
            // step noise of c (fresh noise each step, EMA over ~100 steps) is of that order: tolerance 0.02.
            Tensors.scalar(p.get(NoiseContrastiveEstimation.NORMALISER)) shouldBe (logZ plusOrMinus 0.02)
        }
    }

    test("ED (t = 1, m = 4, w = 1) recovers μ and Λ") {
        TestSupport.withManager { m -> checkRecovery(train(m, EnergyDiscrepancy.builder().build(), seed = 2)) }
    }

    test("log-IS (N = 4096 proposal samples) recovers μ and Λ") {
        TestSupport.withManager { m ->
            checkRecovery(train(m, LogImportanceSampling.builder().optProposalSamples(4096).build(), seed = 3))
        }
    }

    test("exact score matching recovers μ and Λ") {
        TestSupport.withManager { m -> checkRecovery(train(m, ExactScoreMatching.builder().build(), seed = 4)) }
    }

    test("denoising score matching (σ = 0.1) recovers μ and the precision of the smoothed data, (S + σ²I)⁻¹") {
        TestSupport.withManager { m -> checkRecovery(train(m, DenoisingScoreMatching.builder().build(), seed = 5), 0.01) }
    }

    test("sliced score matching, plain (Rademacher) and variance-reduced (Gaussian), recovers μ and Λ") {
        TestSupport.withManager { m ->
            checkRecovery(train(m, SlicedScoreMatching.builder().build(), seed = 6))
            checkRecovery(train(m, SlicedScoreMatching.builder()
                .optProjection(SlicedScoreMatching.Projection.GAUSSIAN).optVarianceReduced(true).build(), seed = 7))
        }
    }
})
