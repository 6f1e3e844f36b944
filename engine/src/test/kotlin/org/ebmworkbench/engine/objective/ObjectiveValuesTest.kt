package org.ebmworkbench.engine.objective

import ai.djl.engine.Engine
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.DataType
import ai.djl.ndarray.types.Shape
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.energy.QuadraticEnergy
import org.ebmworkbench.engine.tensor.Parameters
import java.util.SplittableRandom
import kotlin.math.exp
import kotlin.math.ln
import kotlin.math.max
import kotlin.math.sqrt

/**
 * Loss values against direct host-side computations: ED's logsumexp with and without the stabiliser logit, and the
 * score-matching losses of a Gaussian energy E = ½(x − μ)ᵀΛ(x − μ), whose score ∇E = Λ(x − μ) and Laplacian tr Λ
 * are known in closed form. The random draws are reproduced from the documented draw order (Javadoc of each
 * objective) by reseeding the engine.
 */
class ObjectiveValuesTest : FunSpec({
    /** Host logsumexp of one row plus an optional extra logit. */
    fun logSumExp(row: DoubleArray, extra: Double?): Double {
        val all = if (extra == null) row.toList() else row.toList() + extra
        val top = all.max()
        return top + ln(all.sumOf { exp(it - top) })
    }

    test("ED from fixed energies: w = 1 appends the logit log 1 = 0, w = 0 drops it, w = 0.25 appends log 0.25") {
        TestSupport.withManager { m ->
            // Rows with gaps of either sign and one far beyond exp's float range (stable logsumexp).
            val data = doubleArrayOf(0.3, -1.2, 2.0, 900.0)
            val negatives = arrayOf(
                doubleArrayOf(0.1, 0.5, -0.7), doubleArrayOf(-2.0, 1.0, 0.0),
                doubleArrayOf(2.5, 3.0, 1.5), doubleArrayOf(0.0, 1.0, 2.0))
            val dataT = m.create(data)
            val negT = m.create(negatives.flatMap { it.asIterable() }.toDoubleArray(), Shape(4, 3))
            for (w in listOf(1.0, 0.0, 0.25)) {
                val expected = data.indices.map { i ->
                    logSumExp(DoubleArray(3) { data[i] - negatives[i][it] }, if (w > 0) ln(w) else null)
                }.average()
                EnergyDiscrepancy.lossFromEnergies(dataT, negT, w).getDouble() shouldBe (expected plusOrMinus 1e-12)
            }
            // The extra logit's effect, exactly: per point, L(w=1) − L(w=0) = log(1 + exp(−logsumexp_j(gaps))).
            val effect = data.indices.map { i -> ln(1 + exp(-logSumExp(DoubleArray(3) { data[i] - negatives[i][it] }, null))) }
            val difference = EnergyDiscrepancy.lossFromEnergies(dataT, negT, 1.0).getDouble() -
                EnergyDiscrepancy.lossFromEnergies(dataT, negT, 0.0).getDouble()
            difference shouldBe (effect.average() plusOrMinus 1e-12)
        }
    }

    /** A 2-D Gaussian energy in float64 with μ = (0.4, −0.3) and L = [[1.2, 0], [0.5, 0.8]]. */
    fun gaussian(m: NDManager): Parameters = Parameters.builder()
        .add(QuadraticEnergy.MEAN, m.create(doubleArrayOf(0.4, -0.3)))
        .add(QuadraticEnergy.FACTOR, m.create(doubleArrayOf(1.2, 0.0, 0.5, 0.8), Shape(2, 2)))
        .build()

    val lambda = arrayOf(doubleArrayOf(1.44, 0.6), doubleArrayOf(0.6, 0.89)) // L Lᵀ of the above
    fun score(x0: Double, x1: Double) = doubleArrayOf(
        lambda[0][0] * (x0 - 0.4) + lambda[0][1] * (x1 + 0.3),
        lambda[1][0] * (x0 - 0.4) + lambda[1][1] * (x1 + 0.3))
    fun energyOf(x0: Double, x1: Double) = score(x0, x1).let { g -> 0.5 * (g[0] * (x0 - 0.4) + g[1] * (x1 + 0.3)) }

    val n = 32
    fun points(): DoubleArray {
        val rng = SplittableRandom(4)
        return DoubleArray(2 * n) { TestSupport.gaussian(rng) }
    }

    fun lossOf(objective: Objective, m: NDManager, x: DoubleArray, seed: Int): Double {
        Engine.getInstance().setRandomSeed(seed)
        Engine.getInstance().newGradientCollector().use {
            return objective.loss(ObjectiveContext(QuadraticEnergy(2, true), gaussian(m), null, m, 0),
                m.create(x, Shape(n.toLong(), 2))).value().getDouble()
        }
    }

    /** The engine's normal draws for a seed, reproduced: what the objectives draw first after reseeding. */
    fun normals(m: NDManager, seed: Int, vararg shape: Long): DoubleArray {
        Engine.getInstance().setRandomSeed(seed)
        return m.randomNormal(0f, 1f, Shape(*shape), DataType.FLOAT64).toDoubleArray()
    }

    test("ED end to end: the loss equals the host computation from the reproduced perturbations") {
        TestSupport.withManager { m ->
            val x = points()
            val t = 0.7
            val negatives = 3
            // Draw order (GaussianPerturbation Javadoc): ξ (N x D), then ξᵢⱼ (N x m x D).
            Engine.getInstance().setRandomSeed(21)
            val xi = m.randomNormal(0f, 1f, Shape(n.toLong(), 2), DataType.FLOAT64).toDoubleArray()
            val xiNeg = m.randomNormal(0f, 1f, Shape(n.toLong(), negatives.toLong(), 2), DataType.FLOAT64).toDoubleArray()
            for (w in listOf(1.0, 0.0)) {
                val expected = (0 until n).map { i ->
                    val gaps = DoubleArray(negatives) { j ->
                        val y0 = x[2 * i] + sqrt(t) * xi[2 * i]
                        val y1 = x[2 * i + 1] + sqrt(t) * xi[2 * i + 1]
                        val k = (i * negatives + j) * 2
                        energyOf(x[2 * i], x[2 * i + 1]) - energyOf(y0 + sqrt(t) * xiNeg[k], y1 + sqrt(t) * xiNeg[k + 1])
                    }
                    logSumExp(gaps, if (w > 0) ln(w) else null)
                }.average()
                val objective = EnergyDiscrepancy.builder().optT(t).optM(negatives).optW(w).build()
                lossOf(objective, m, x, 21) shouldBe (expected plusOrMinus 1e-10)
            }
        }
    }

    test("exact SM: ½‖Λ(x − μ)‖² − tr Λ, with the Laplacian from the D extra backward passes") {
        TestSupport.withManager { m ->
            val x = points()
            val expected = (0 until n).map { i ->
                val g = score(x[2 * i], x[2 * i + 1])
                0.5 * (g[0] * g[0] + g[1] * g[1]) - (lambda[0][0] + lambda[1][1])
            }.average()
            lossOf(ExactScoreMatching.builder().build(), m, x, 1) shouldBe (expected plusOrMinus 1e-10)
        }
    }

    test("DSM: ½‖−Λ(x̃ − μ) + ε/σ‖² at x̃ = x + σε with the reproduced ε") {
        TestSupport.withManager { m ->
            val x = points()
            val sigma = 0.1
            val eps = normals(m, 31, n.toLong(), 2)
            val expected = (0 until n).map { i ->
                val g = score(x[2 * i] + sigma * eps[2 * i], x[2 * i + 1] + sigma * eps[2 * i + 1])
                val r0 = -g[0] + eps[2 * i] / sigma
                val r1 = -g[1] + eps[2 * i + 1] / sigma
                0.5 * (r0 * r0 + r1 * r1)
            }.average()
            lossOf(DenoisingScoreMatching.builder().optSigma(sigma).build(), m, x, 31) shouldBe (expected plusOrMinus 1e-9)
        }
    }

    test("SSM and SSM-VR with many projections average to exact SM (tolerance 4 standard errors)") {
        TestSupport.withManager { m ->
            val x = points()
            val exact = lossOf(ExactScoreMatching.builder().build(), m, x, 1)
            // Per projection the SSM terms differ from exact SM by a zero-mean term in v: for Rademacher v,
            // ½(vᵀg)² − vᵀΛv − (½‖g‖² − tr Λ) = (v₀v₁)(g₀g₁ − 2Λ₀₁), so the SD of the mean over K projections per point is
            // sqrt(mean_i (g₀g₁ − 2Λ₀₁)² / (nK)); for Gaussian v the VR term −vᵀΛv + tr Λ has variance 2‖Λ‖²_F.
            val k = 4000
            val rademacherSd = sqrt((0 until n).map { i ->
                val g = score(x[2 * i], x[2 * i + 1])
                (g[0] * g[1] - 2 * lambda[0][1]).let { it * it }
            }.average() / (n * k))
            val gaussianVrSd = sqrt(2 * (lambda.sumOf { r -> r.sumOf { it * it } }) / (n * k))
            val ssm = lossOf(SlicedScoreMatching.builder().optNumProjections(k).build(), m, x, 2)
            ssm shouldBe (exact plusOrMinus 4 * max(rademacherSd, 1e-12))
            val vr = lossOf(SlicedScoreMatching.builder().optNumProjections(k)
                .optProjection(SlicedScoreMatching.Projection.GAUSSIAN).optVarianceReduced(true).build(), m, x, 3)
            vr shouldBe (exact plusOrMinus 4 * gaussianVrSd)
        }
    }

    test("builders reject invalid settings with the parameter named") {
        shouldThrow<IllegalArgumentException> { EnergyDiscrepancy.builder().optT(0.0).build() }.message!! shouldContain "ed.t must be > 0"
        shouldThrow<IllegalArgumentException> { EnergyDiscrepancy.builder().optM(0).build() }.message!! shouldContain "ed.m must be ≥ 1"
        shouldThrow<IllegalArgumentException> { EnergyDiscrepancy.builder().optW(-1.0).build() }.message!! shouldContain "ed.w must be ≥ 0"
        shouldThrow<IllegalArgumentException> { NoiseContrastiveEstimation.builder().optNoisePerDatum(0).build() }.message!! shouldContain "noisePerDatum"
        shouldThrow<IllegalArgumentException> { NoiseContrastiveEstimation.builder().optNormaliserInitSamples(-1).build() }.message!! shouldContain "normaliserInitSamples"
        shouldThrow<IllegalArgumentException> { LogImportanceSampling.builder().optProposalSamples(0).build() }.message!! shouldContain "proposalSamples"
        shouldThrow<IllegalArgumentException> { DenoisingScoreMatching.builder().optSigma(Double.NaN).build() }.message!! shouldContain "sigma"
        shouldThrow<IllegalArgumentException> { SlicedScoreMatching.builder().optNumProjections(0).build() }.message!! shouldContain "numProjections"
    }

    test("NCE and log-IS without a proposal fail with a message naming the objective") {
        TestSupport.withManager { m ->
            val energy = QuadraticEnergy(2, true)
            val context = ObjectiveContext(energy, energy.initialize(m), null, m, 0)
            shouldThrow<IllegalStateException> { NoiseContrastiveEstimation.builder().build().initialize(context) }
                .message!! shouldContain "NCE needs a proposal"
            shouldThrow<IllegalStateException> { LogImportanceSampling.builder().build().loss(context, m.zeros(Shape(4, 2))) }
                .message!! shouldContain "log-IS needs a proposal"
        }
    }
})
