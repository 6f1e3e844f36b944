package org.ebmworkbench.engine.data

import kotlin.math.sqrt

/** Small statistics helpers for the statistical specs (all in double precision). */
internal fun Dataset.column(j: Int): DoubleArray = DoubleArray(size()) { get(it, j).toDouble() }

internal fun DoubleArray.sampleVariance(): Double {
    val m = average()
    return sumOf { (it - m) * (it - m) } / (size - 1)
}

internal fun DoubleArray.sampleSd(): Double = sqrt(sampleVariance())

/** Composite Simpson rule for ∫_a^b f on `steps` (even) intervals. */
internal fun simpson(a: Double, b: Double, steps: Int = 4000, f: (Double) -> Double): Double {
    val h = (b - a) / steps
    var s = f(a) + f(b)
    for (k in 1 until steps) s += (if (k % 2 == 1) 4 else 2) * f(a + k * h)
    return s * h / 3
}

/** Tolerance of 4 standard errors for a mean of n draws with standard deviation sigma. */
internal fun fourSe(sigma: Double, n: Int): Double = 4 * sigma / sqrt(n.toDouble())
