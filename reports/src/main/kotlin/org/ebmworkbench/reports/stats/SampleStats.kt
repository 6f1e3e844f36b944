package org.ebmworkbench.reports.stats

import kotlin.math.sqrt

/**
 * Size, mean and sample variance (divisor n − 1; NaN for n = 1) of a sample of finite values. Callers decide what
 * to do with non-finite values (the report counts them separately); passing one is an error.
 */
class SampleStats private constructor(val values: DoubleArray) {
    val n: Int get() = values.size
    val mean: Double = values.average()
    val variance: Double = if (values.size < 2) Double.NaN else values.sumOf { (it - mean) * (it - mean) } / (values.size - 1)
    val std: Double get() = sqrt(variance)

    companion object {
        fun of(values: DoubleArray): SampleStats {
            require(values.isNotEmpty()) { "a sample needs at least one value" }
            require(values.all { it.isFinite() }) { "a sample holds finite values only: ${values.contentToString()}" }
            return SampleStats(values.copyOf())
        }

        fun of(values: List<Double>): SampleStats = of(values.toDoubleArray())
    }
}
