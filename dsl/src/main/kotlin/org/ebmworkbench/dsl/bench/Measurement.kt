package org.ebmworkbench.dsl.bench

import kotlinx.serialization.Serializable

/**
 * One benchmark figure: the median of [samples] repeats and their spread, in [unit]. A rate ("steps/s") is better
 * when higher, a time ("s") when lower; [reference] names what the value is compared against in [ratio].
 */
@Serializable
data class Measurement(
    val group: String,
    val name: String,
    val unit: String,
    val median: Double,
    val min: Double,
    val max: Double,
    val repeats: Int,
    val note: String? = null,
    val reference: String? = null,
    val ratio: Double? = null,
) {
    /** Relative half-spread (max − min) / (2 · median): how much to trust a difference between two runs. */
    val spread: Double get() = if (median == 0.0) 0.0 else (max - min) / (2 * median)

    companion object {
        /** The median and range of [samples]; throws on none, since a figure without a measurement is a bug. */
        fun of(group: String, name: String, unit: String, samples: List<Double>, note: String? = null): Measurement {
            require(samples.isNotEmpty()) { "bench: '$name' has no samples" }
            val sorted = samples.sorted()
            val n = sorted.size
            val median = if (n % 2 == 1) sorted[n / 2] else (sorted[n / 2 - 1] + sorted[n / 2]) / 2
            return Measurement(group, name, unit, median, sorted.first(), sorted.last(), n, note)
        }
    }
}

/** Rates of [count] events from intervals measured in seconds. */
internal fun rates(count: Int, seconds: List<Double>): List<Double> = seconds.map { count / it }

/** Wall seconds of [block]. */
internal inline fun timed(block: () -> Unit): Double {
    val start = System.nanoTime()
    block()
    return (System.nanoTime() - start) / 1e9
}

/** Wall seconds of [repeats] runs of [block], after one untimed warm-up run. */
internal fun warmSeconds(repeats: Int, block: () -> Unit): List<Double> {
    block()
    return List(repeats) { timed(block) }
}
