package org.ebmworkbench.reports.stats

import kotlin.math.sqrt

/** The outcome of Welch's test: the statistic, the Welch–Satterthwaite degrees of freedom and the two-sided p-value. */
data class WelchResult(val t: Double, val df: Double, val pValue: Double)

/**
 * Welch's unequal-variances t-test of equal means, two-sided:
 * `t = (m₁ − m₂) / √(s₁²/n₁ + s₂²/n₂)`, `ν = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1))`,
 * `p = P(|T_ν| ≥ |t|)`.
 */
object Welch {
    /**
     * The test, or null when either sample has fewer than two values (no variance estimate). When both samples
     * have zero variance the statistic is undefined; then p = 1 if the means are equal and 0 otherwise, df = NaN.
     */
    fun test(a: SampleStats, b: SampleStats): WelchResult? {
        if (a.n < 2 || b.n < 2) return null
        val va = a.variance / a.n
        val vb = b.variance / b.n
        val se2 = va + vb
        if (se2 == 0.0) {
            val same = a.mean == b.mean
            return WelchResult(if (same) 0.0 else Math.copySign(Double.POSITIVE_INFINITY, a.mean - b.mean), Double.NaN, if (same) 1.0 else 0.0)
        }
        val t = (a.mean - b.mean) / sqrt(se2)
        val df = se2 * se2 / (va * va / (a.n - 1) + vb * vb / (b.n - 1))
        return WelchResult(t, df, StudentT.twoSidedP(t, df))
    }

    fun test(a: DoubleArray, b: DoubleArray): WelchResult? = test(SampleStats.of(a), SampleStats.of(b))
}
