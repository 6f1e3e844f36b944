package org.ebmworkbench.reports.stats

import kotlin.math.PI
import kotlin.math.abs
import kotlin.math.exp
import kotlin.math.ln
import kotlin.math.ln1p
import kotlin.math.sin

/**
 * The special functions behind the Student-t distribution: the log-gamma function (Lanczos approximation, g = 7,
 * nine coefficients; relative error about 1e-15) and the regularized incomplete beta function `I_x(a, b)` by its
 * continued fraction (modified Lentz; Numerical Recipes, 3rd ed., §6.4), using the symmetry
 * `I_x(a, b) = 1 − I_{1−x}(b, a)` where the fraction converges slowly.
 */
object SpecialFunctions {
    private val LANCZOS = doubleArrayOf(
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    )
    private const val EPS = 1e-15
    private const val TINY = 1e-300
    private const val MAX_ITERATIONS = 10_000

    /** ln Γ([x]) for x > 0. */
    fun lnGamma(x: Double): Double {
        require(x > 0) { "lnGamma needs x > 0, was $x" }
        if (x < 0.5) return ln(PI / sin(PI * x)) - lnGamma(1 - x) // reflection formula
        val z = x - 1
        var sum = LANCZOS[0]
        for (i in 1 until LANCZOS.size) sum += LANCZOS[i] / (z + i)
        val t = z + 7.5
        return 0.5 * ln(2 * PI) + (z + 0.5) * ln(t) - t + ln(sum)
    }

    /** `I_x(a, b)`, the CDF at [x] of a Beta([a], [b]) distribution; a, b > 0, x in [0, 1]. */
    fun regularizedIncompleteBeta(x: Double, a: Double, b: Double): Double {
        require(a > 0 && b > 0) { "incomplete beta needs a, b > 0, was a=$a, b=$b" }
        require(x in 0.0..1.0) { "incomplete beta needs x in [0, 1], was $x" }
        if (x == 0.0) return 0.0
        if (x == 1.0) return 1.0
        val lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * ln(x) + b * ln1p(-x)
        return if (x < (a + 1) / (a + b + 2)) exp(lnFront) * continuedFraction(x, a, b) / a
        else 1 - exp(lnFront) * continuedFraction(1 - x, b, a) / b
    }

    private fun continuedFraction(x: Double, a: Double, b: Double): Double {
        val qab = a + b
        val qap = a + 1
        val qam = a - 1
        var c = 1.0
        var d = nonZero(1 - qab * x / qap).let { 1 / it }
        var h = d
        for (m in 1..MAX_ITERATIONS) {
            val m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 / nonZero(1 + aa * d)
            c = nonZero(1 + aa / c)
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 / nonZero(1 + aa * d)
            c = nonZero(1 + aa / c)
            val delta = d * c
            h *= delta
            if (abs(delta - 1) < EPS) return h
        }
        error("incomplete beta continued fraction did not converge for x=$x, a=$a, b=$b")
    }

    private fun nonZero(v: Double): Double = if (abs(v) < TINY) TINY else v
}
