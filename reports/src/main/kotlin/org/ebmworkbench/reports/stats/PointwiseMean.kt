package org.ebmworkbench.reports.stats

import java.util.TreeMap
import kotlin.math.sqrt

/** Pointwise statistics of several curves: at each x, the mean and sample std (NaN below 2 values) of [n] values. */
class MeanCurve(val x: DoubleArray, val mean: DoubleArray, val std: DoubleArray, val n: IntArray) {
    val low: DoubleArray get() = DoubleArray(x.size) { mean[it] - std[it] }
    val high: DoubleArray get() = DoubleArray(x.size) { mean[it] + std[it] }
}

/**
 * Averages curves (for example one learning curve per seed) point by point. Points are matched by exactly equal x
 * (the same step, or the same grid point of identical grids); non-finite x or y are skipped, so n may vary along x.
 */
object PointwiseMean {
    fun of(curves: List<Pair<DoubleArray, DoubleArray>>): MeanCurve {
        val byX = TreeMap<Double, MutableList<Double>>()
        for ((x, y) in curves) {
            require(x.size == y.size) { "x has ${x.size} values, y ${y.size}" }
            for (i in x.indices) if (x[i].isFinite() && y[i].isFinite()) byX.getOrPut(x[i]) { mutableListOf() } += y[i]
        }
        val xs = byX.keys.toDoubleArray()
        val values = byX.values.toList()
        val mean = DoubleArray(xs.size) { values[it].average() }
        val std = DoubleArray(xs.size) { i ->
            val v = values[i]
            if (v.size < 2) Double.NaN else sqrt(v.sumOf { (it - mean[i]) * (it - mean[i]) } / (v.size - 1))
        }
        return MeanCurve(xs, mean, std, IntArray(xs.size) { values[it].size })
    }
}
