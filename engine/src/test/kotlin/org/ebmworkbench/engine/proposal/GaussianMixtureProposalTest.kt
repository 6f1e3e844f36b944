package org.ebmworkbench.engine.proposal

import ai.djl.ndarray.NDArrays
import ai.djl.ndarray.NDList
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeGreaterThanOrEqual
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.TestSupport.toDoubles
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.engine.data.ToyDatasets
import java.util.SplittableRandom
import kotlin.math.PI
import kotlin.math.abs
import kotlin.math.exp
import kotlin.math.ln
import kotlin.math.sqrt

/** The diagonal Gaussian mixture: a normalised density, samples with its moments, and an EM fit that works. */
class GaussianMixtureProposalTest : FunSpec({
    val weights = doubleArrayOf(0.5, 0.3, 0.2)
    val means = arrayOf(doubleArrayOf(-3.0, 0.0), doubleArrayOf(3.0, 1.0), doubleArrayOf(0.0, 4.0))
    val stds = arrayOf(doubleArrayOf(0.8, 0.5), doubleArrayOf(0.6, 1.2), doubleArrayOf(1.0, 0.7))

    fun mixtureData(n: Int, seed: Long): Dataset {
        val rng = SplittableRandom(seed)
        val v = FloatArray(2 * n)
        for (i in 0 until n) {
            val u = rng.nextDouble()
            val c = if (u < 0.5) 0 else if (u < 0.8) 1 else 2
            for (j in 0..1) v[2 * i + j] = (means[c][j] + stds[c][j] * TestSupport.gaussian(rng)).toFloat()
        }
        return Dataset.of(v, n, 2)
    }

    fun hostLogDensity(x: Double, y: Double): Double {
        val p = (0..2).sumOf { c ->
            val zx = (x - means[c][0]) / stds[c][0]
            val zy = (y - means[c][1]) / stds[c][1]
            weights[c] * exp(-0.5 * (zx * zx + zy * zy)) / (2 * PI * stds[c][0] * stds[c][1])
        }
        return ln(p)
    }

    test("logProb integrates to one on a 2-D grid, matches the host density, and blocks change nothing") {
        TestSupport.withManager { m ->
            val q = GaussianMixtureProposal(m, weights, means, stds)
            val box = 10.0
            val n = 500
            val axis = m.linspace((-box).toFloat(), box.toFloat(), n)
            val points = NDArrays.stack(NDList(axis.tile(n.toLong()), axis.repeat(n.toLong())), 1)
            val logq = q.logProb(points)
            val cell = (2 * box / (n - 1)) * (2 * box / (n - 1))
            logq.toFloatArray().sumOf { exp(it.toDouble()) * cell } shouldBe (1.0 plusOrMinus 1e-3)

            val probe = m.create(floatArrayOf(-3f, 0f, 1.5f, 2f, 0f, 4.5f, 8f, -7f), ai.djl.ndarray.types.Shape(4, 2))
            val got = q.logProb(probe).toDoubles()
            val xy = probe.toFloatArray()
            for (i in 0 until 4) got[i] shouldBe (hostLogDensity(xy[2 * i].toDouble(), xy[2 * i + 1].toDouble()) plusOrMinus 1e-4)
            // The block path (7 rows at a time, with a ragged last block) gives the same numbers.
            val some = points.get("0:200")
            val blocked = q.logProb(some, 7).toDoubles()
            val whole = q.logProb(some).toDoubles()
            for (i in whole.indices) blocked[i] shouldBe (whole[i] plusOrMinus 1e-6)
        }
    }

    test("samples match the mixture's analytic mean and covariance within 5 standard errors") {
        TestSupport.withManager { m ->
            val q = GaussianMixtureProposal(m, weights, means, stds)
            val mean = DoubleArray(2) { j -> (0..2).sumOf { weights[it] * means[it][j] } }
            // Law of total covariance: Σ = Σ_k w_k (diag σ_k² + μ_k μ_kᵀ) − μ μᵀ.
            val cov = Array(2) { j ->
                DoubleArray(2) { k ->
                    (0..2).sumOf { c ->
                        weights[c] * ((if (j == k) stds[c][j] * stds[c][j] else 0.0) + means[c][j] * means[c][k])
                    } - mean[j] * mean[k]
                }
            }
            val n = 200_000
            TestSupport.seed(17)
            val x = q.sample(m, n).toDoubles()
            val sampleMean = DoubleArray(2) { j -> (0 until n).sumOf { x[2 * it + j] } / n }
            for (j in 0..1) {
                sampleMean[j] shouldBe (mean[j] plusOrMinus 5 * sqrt(cov[j][j] / n))
                for (k in 0..1) {
                    // The mixture is not Gaussian, so the SE of the covariance comes from the products themselves.
                    val products = DoubleArray(n) { (x[2 * it + j] - sampleMean[j]) * (x[2 * it + k] - sampleMean[k]) }
                    val c = products.sum() / (n - 1)
                    val sd = sqrt(products.sumOf { (it - c) * (it - c) } / (n - 1))
                    c shouldBe (cov[j][k] plusOrMinus 5 * sd / sqrt(n.toDouble()))
                }
            }
        }
    }

    test("EM recovers the weights, means and stds of a known 3-component mixture up to permutation") {
        TestSupport.withManager { m ->
            val n = 6000
            val q = GaussianMixtureProposal.fit(m, mixtureData(n, seed = 3), 3, 1L)
            q.components() shouldBe 3
            val fittedMeans = q.means()
            val used = mutableSetOf<Int>()
            for (c in 0..2) {
                val match = (0..2).minBy { f -> (0..1).sumOf { j -> (fittedMeans[f][j] - means[c][j]).let { it * it } } }
                used.add(match)
                val nc = n * weights[c]
                // Separated components: EM's estimates are the per-component sample statistics, whose SEs these are.
                q.weights()[match] shouldBe (weights[c] plusOrMinus 5 * sqrt(weights[c] * (1 - weights[c]) / n))
                for (j in 0..1) {
                    fittedMeans[match][j] shouldBe (means[c][j] plusOrMinus 5 * stds[c][j] / sqrt(nc))
                    q.stds()[match][j] shouldBe (stds[c][j] plusOrMinus 5 * stds[c][j] / sqrt(2 * nc))
                }
            }
            used.size shouldBe 3
        }
    }

    test("EM's log-likelihood never decreases over iterations, and a seed fixes the fit") {
        val data = ToyDatasets.byName("gaussians25").sample(4000, 5L)
        val settings = GaussianMixtureEm.Settings(60, 0.0, 1e-6)
        val fit = GaussianMixtureEm.fit(data, 20, 2L, settings)
        val trace = fit.logLikelihoods()
        // 20 components for 25 modes: EM has real work to do, so the trace is long and rising.
        fit.iterations() shouldBeGreaterThan 10
        trace.last() shouldBeGreaterThan trace.first() + 0.01
        for (i in 1 until trace.size) trace[i] shouldBeGreaterThanOrEqual trace[i - 1] - 1e-12 * (1 + abs(trace[i - 1]))
        fit.finalLogLikelihood() shouldBe trace.last()
        GaussianMixtureEm.fit(data, 20, 2L, settings).weights() shouldBe fit.weights()
    }

    test("the variance floor bounds a component fitted to identical points") {
        val rng = SplittableRandom(8)
        val v = FloatArray(400) { i -> if (i < 200) 1f else (5 + TestSupport.gaussian(rng)).toFloat() }
        val fit = GaussianMixtureEm.fit(Dataset.of(v, 200, 2), 2, 0L, GaussianMixtureEm.Settings(50, 1e-8, 1e-4))
        val spike = fit.means().indexOfFirst { abs(it[0] - 1.0) < 1e-9 }
        fit.stds()[spike][0] shouldBe (0.01 plusOrMinus 1e-12)
        fit.stds()[spike][1] shouldBe (0.01 plusOrMinus 1e-12)
        fit.weights()[spike] shouldBe (0.5 plusOrMinus 1e-9)
    }

    test("invalid mixtures and fits are rejected with a clear error") {
        TestSupport.withManager { m ->
            shouldThrow<IllegalArgumentException> { GaussianMixtureProposal(m, doubleArrayOf(0.5, 0.4, 0.2), means, stds) }
            shouldThrow<IllegalArgumentException> {
                GaussianMixtureProposal(m, weights, means, arrayOf(doubleArrayOf(1.0, 1.0), doubleArrayOf(0.0, 1.0), doubleArrayOf(1.0, 1.0)))
            }
            shouldThrow<IllegalArgumentException> { GaussianMixtureEm.fit(mixtureData(5, 1), 6, 0L, GaussianMixtureEm.Settings.DEFAULT) }
            shouldThrow<IllegalArgumentException> { GaussianMixtureEm.Settings(10, 1e-4, 0.0) }
        }
    }
})
