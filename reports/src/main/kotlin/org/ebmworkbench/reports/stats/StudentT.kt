package org.ebmworkbench.reports.stats

/**
 * The Student-t distribution with [df] degrees of freedom (any real df > 0, as Welch's test needs), through the
 * identity `P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2)`.
 */
object StudentT {
    /** `P(T ≤ t)`. */
    fun cdf(t: Double, df: Double): Double {
        require(df > 0) { "degrees of freedom must be positive, was $df" }
        require(!t.isNaN()) { "t is NaN" }
        val tail = 0.5 * twoSidedP(t, df)
        return if (t > 0) 1 - tail else tail
    }

    /** `P(|T| ≥ |t|)`, the two-sided p-value of the statistic [t]; computed directly so small p keep their digits. */
    fun twoSidedP(t: Double, df: Double): Double {
        require(df > 0) { "degrees of freedom must be positive, was $df" }
        if (t.isInfinite()) return 0.0
        val x = df / (df + t * t)
        return SpecialFunctions.regularizedIncompleteBeta(x, df / 2, 0.5)
    }
}
