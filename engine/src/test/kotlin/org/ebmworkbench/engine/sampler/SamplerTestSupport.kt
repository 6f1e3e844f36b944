package org.ebmworkbench.engine.sampler

import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.Shape
import io.kotest.assertions.withClue
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import org.ebmworkbench.engine.energy.QuadraticEnergy
import org.ebmworkbench.engine.tensor.Parameters
import kotlin.math.sqrt

/** A symmetric-or-not 2 x 2 matrix [[a, b], [c, d]] for host-side expectations. */
data class Mat2(val a: Double, val b: Double, val c: Double, val d: Double) {
    operator fun times(o: Mat2) = Mat2(a * o.a + b * o.c, a * o.b + b * o.d, c * o.a + d * o.c, c * o.b + d * o.d)
    operator fun plus(o: Mat2) = Mat2(a + o.a, b + o.b, c + o.c, d + o.d)
    operator fun times(s: Double) = Mat2(a * s, b * s, c * s, d * s)
    fun transpose() = Mat2(a, c, b, d)
    fun inverse(): Mat2 {
        val det = a * d - b * c
        return Mat2(d / det, -b / det, -c / det, a / det)
    }
    operator fun get(i: Int, j: Int) = when (2 * i + j) { 0 -> a; 1 -> b; 2 -> c; else -> d }
    fun frobenius() = sqrt(a * a + b * b + c * c + d * d)
    operator fun minus(o: Mat2) = this + o * -1.0
}

/**
 * The target of the sampler tests: E(x) = ½ (x − μ)ᵀ L Lᵀ (x − μ) as a [QuadraticEnergy] with a known factor L,
 * correlation −0.53 and condition number 3.3, so chains mix in a few hundred steps yet the correlation is visible.
 */
object CorrelatedGaussian {
    val energy = QuadraticEnergy(2, true)
    val mean = doubleArrayOf(1.0, -2.0)
    val factor = Mat2(1.0, 0.0, 0.5, 0.8)
    val precision = factor * factor.transpose()
    val covariance = precision.inverse()

    fun params(m: NDManager): Parameters = Parameters.builder()
        .add(QuadraticEnergy.MEAN, m.create(floatArrayOf(mean[0].toFloat(), mean[1].toFloat())))
        .add(QuadraticEnergy.FACTOR, m.create(floatArrayOf(1f, 0f, 0.5f, 0.8f), Shape(2, 2)))
        .build()

    /** n chains, all at one point far (about 3 standard deviations) from the mean. */
    fun farStart(m: NDManager, n: Int): NDArray = m.create(floatArrayOf(-2f, 1f)).reshape(1, 2).repeat(0, n.toLong())
}

/** Sample mean and covariance of the rows of an n x 2 tensor, computed on the host in double precision. */
class Moments(samples: NDArray) {
    val n = samples.shape[0].toInt()
    val mean: DoubleArray
    val covariance: Mat2

    init {
        val v = samples.toFloatArray()
        val m = DoubleArray(2)
        for (i in 0 until n) for (j in 0..1) m[j] += v[2 * i + j].toDouble() / n
        val c = DoubleArray(4)
        for (i in 0 until n) for (j in 0..1) for (k in 0..1) {
            c[2 * j + k] += (v[2 * i + j] - m[j]) * (v[2 * i + k] - m[k]) / (n - 1)
        }
        mean = m
        covariance = Mat2(c[0], c[1], c[2], c[3])
    }

    /**
     * Each mean and covariance entry within [sigmas] standard errors of n independent draws from N(mean, cov):
     * SE(mean_i) = √(Σ_ii/n), SE(S_ij) = √((Σ_ii Σ_jj + Σ_ij²)/n). Chains that share a start but not their noise are
     * independent, so after burn-in the effective sample size is the number of chains.
     */
    fun shouldMatch(expectedMean: DoubleArray, expectedCov: Mat2, sigmas: Double = 4.0) {
        for (i in 0..1) {
            withClue("mean[$i] of $n chains") {
                mean[i] shouldBe (expectedMean[i] plusOrMinus sigmas * sqrt(expectedCov[i, i] / n))
            }
            for (j in 0..1) {
                val se = sqrt((expectedCov[i, i] * expectedCov[j, j] + expectedCov[i, j] * expectedCov[i, j]) / n)
                withClue("covariance[$i,$j] of $n chains") { covariance[i, j] shouldBe (expectedCov[i, j] plusOrMinus sigmas * se) }
            }
        }
    }
}
