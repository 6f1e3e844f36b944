package org.ebmworkbench.reports.stats

import kotlin.random.Random

/** A closed interval [low, high]. */
data class Interval(val low: Double, val high: Double)

/**
 * Percentile bootstrap confidence interval of the mean: [RESAMPLES] resamples with replacement, drawn by
 * `kotlin.random.Random(seed)` (a fixed, platform-independent generator) so a report is reproducible; the interval is
 * the (α/2, 1 − α/2) quantiles of the resampled means (linear interpolation between order statistics).
 */
object Bootstrap {
    const val RESAMPLES = 2000
    const val SEED = 20_250_101L
    const val LEVEL = 0.95

    /** The report shows a bootstrap interval only from this many values on; fewer make it meaningless. */
    const val MIN_N = 5

    fun meanInterval(values: DoubleArray, level: Double = LEVEL, resamples: Int = RESAMPLES, seed: Long = SEED): Interval {
        require(values.isNotEmpty()) { "bootstrap needs at least one value" }
        require(level > 0 && level < 1) { "level must be in (0, 1), was $level" }
        require(resamples >= 2) { "need at least two resamples, was $resamples" }
        val rng = Random(seed)
        val n = values.size
        val means = DoubleArray(resamples) {
            var sum = 0.0
            repeat(n) { sum += values[rng.nextInt(n)] }
            sum / n
        }
        means.sort()
        val alpha = 1 - level
        return Interval(quantile(means, alpha / 2), quantile(means, 1 - alpha / 2))
    }

    /** Quantile [p] of [sorted] by linear interpolation between order statistics (R's type 7). */
    internal fun quantile(sorted: DoubleArray, p: Double): Double {
        val h = (sorted.size - 1) * p
        val lo = h.toInt()
        val hi = minOf(lo + 1, sorted.size - 1)
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo])
    }
}
