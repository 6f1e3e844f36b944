package org.ebmworkbench.reports.records

import kotlinx.serialization.Serializable

/**
 * A 2-D model log-density on a regular grid (`artefacts/density.json`). [logDensity] holds
 * `resolution * resolution` values in row-major order: row index = y (row 0 at [yMin], going up),
 * column index = x (column 0 at [xMin]). Cell centres or corners are the writer's convention; the report
 * only needs the box. A non-finite value (a diverged model) is written as `null` and read as NaN.
 */
@Serializable
data class DensityGrid(
    val xMin: Double,
    val xMax: Double,
    val yMin: Double,
    val yMax: Double,
    val resolution: Int,
    val logDensity: List<@Serializable(with = FiniteOrNull::class) Double>,
) {
    init {
        require(resolution > 0) { "resolution must be positive, was $resolution" }
        require(logDensity.size == resolution * resolution) {
            "logDensity has ${logDensity.size} values, expected resolution² = ${resolution * resolution}"
        }
        require(xMax > xMin && yMax > yMin) { "empty box [$xMin, $xMax] × [$yMin, $yMax]" }
    }

    /** Log-density at column [ix] (x) and row [iy] (y, counted from [yMin] up). */
    fun at(ix: Int, iy: Int): Double = logDensity[iy * resolution + ix]
}

/** A sample of 2-D data points (`artefacts/data.json`), each `[x, y]`, for the data histogram. */
@Serializable
data class DataSample(val points: List<List<Double>>) {
    init {
        points.forEachIndexed { i, p -> require(p.size == 2) { "point $i has ${p.size} coordinates, expected 2" } }
    }
}

/**
 * A 1-D model log-density on a regular grid (`artefacts/density1d.json`): [logDensity] at `resolution` points
 * evenly spaced from [xMin] to [xMax] (both included). [reference] is the dataset's true log-density at the same
 * points when it is known in closed form (e.g. `−x²/2 − ½ log 2π` for a standard normal), so a report can plot the
 * learned energy against the truth.
 */
@Serializable
data class DensityCurve(
    val xMin: Double,
    val xMax: Double,
    val logDensity: List<@Serializable(with = FiniteOrNull::class) Double>,
    val reference: List<@Serializable(with = FiniteOrNull::class) Double>? = null,
) {
    init {
        require(logDensity.size >= 2) { "logDensity needs at least 2 points, has ${logDensity.size}" }
        require(xMax > xMin) { "empty interval [$xMin, $xMax]" }
        reference?.let { require(it.size == logDensity.size) { "reference has ${it.size} values, expected ${logDensity.size}" } }
    }

    /** The abscissa of point [i]. */
    fun x(i: Int): Double = xMin + (xMax - xMin) * i / (logDensity.size - 1)
}
