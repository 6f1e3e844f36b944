package org.ebmworkbench.engine.sampler

import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.tensor.Parameters
import org.ebmworkbench.engine.tensor.Tensors
import kotlin.math.PI
import kotlin.math.abs
import kotlin.math.exp
import kotlin.math.ln
import kotlin.math.sqrt

/** Test-only energy E(x) = −log Σ_k w_k N(x; m_k, s_k²) on the real line (x is N x 1); it has no parameters. */
class GaussianMixture1d(private val weights: DoubleArray, private val means: DoubleArray, private val stds: DoubleArray) :
    EnergyModel {
    override fun inputDim() = 1
    override fun initialize(manager: NDManager): Parameters = Parameters.empty()
    override fun describe() = "1-D Gaussian mixture"

    override fun energy(params: Parameters, x: NDArray): NDArray {
        val m = x.manager
        val logConst = DoubleArray(weights.size) { ln(weights[it]) - ln(stds[it]) - 0.5 * ln(2 * PI) }
        // (N x 1 − K) / K broadcasts to N x K standardised distances to each component.
        val z = x.sub(Tensors.vector(m, means)).div(Tensors.vector(m, stds))
        return Tensors.logSumExp(z.square().mul(-0.5).add(Tensors.vector(m, logConst)), 1).neg()
    }

    fun cdf(x: Double): Double = weights.indices.sumOf { weights[it] * normalCdf((x - means[it]) / stds[it]) }
}

/** Φ(z) via erfc with fractional error below 1.2e-7 (Numerical Recipes' Chebyshev fit), ample for a KS test. */
fun normalCdf(z: Double): Double = 0.5 * erfc(-z / sqrt(2.0))

private fun erfc(x: Double): Double {
    val z = abs(x)
    val t = 1 / (1 + 0.5 * z)
    val poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
        t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
    val r = t * exp(poly)
    return if (x >= 0) r else 2 - r
}

/** Kolmogorov–Smirnov statistic sup |F_n − F| of a sample against an exact CDF. */
fun ksStatistic(sample: DoubleArray, cdf: (Double) -> Double): Double {
    val sorted = sample.sorted()
    val n = sorted.size
    var d = 0.0
    for (i in 0 until n) {
        val f = cdf(sorted[i])
        d = maxOf(d, (i + 1.0) / n - f, f - i.toDouble() / n)
    }
    return d
}

/** Critical value of the KS statistic at level α for n i.i.d. draws: √(−ln(α/2)/2)/√n (Kolmogorov's limit). */
fun ksCritical(n: Int, alpha: Double): Double = sqrt(-ln(alpha / 2) / 2) / sqrt(n.toDouble())
