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

/**
 * A sample of 2-D points, each `[x, y]`: the training data (`artefacts/data.json`) for the data histogram, or the
 * decoded model samples of a Gray-coded cell (`artefacts/model_samples.json`). [box] is the region the points are
 * known to lie in when the writer knows one (the code's `[−halfWidth, halfWidth]²` for Gray-coded data), so a report
 * draws the histogram over it instead of guessing it from the points.
 */
@Serializable
data class DataSample(val points: List<List<Double>>, val box: SampleBox? = null) {
    init {
        points.forEachIndexed { i, p -> require(p.size == 2) { "point $i has ${p.size} coordinates, expected 2" } }
    }
}

/** The rectangle `[xMin, xMax] × [yMin, yMax]` of a [DataSample]. */
@Serializable
data class SampleBox(val xMin: Double, val xMax: Double, val yMin: Double, val yMax: Double) {
    init {
        require(xMax > xMin && yMax > yMin) { "empty box [$xMin, $xMax] × [$yMin, $yMax]" }
    }

    companion object {
        /** The square `[−halfWidth, halfWidth]²`. */
        fun square(halfWidth: Double) = SampleBox(-halfWidth, halfWidth, -halfWidth, halfWidth)
    }
}

/**
 * The pairwise couplings of a cell whose energy has them (`artefacts/couplings.json`): the symmetrised learned D × D
 * matrix (Ĵ + Ĵᵀ)/2 at the final evaluation's parameters and, when the data's couplings are known (lattice Ising),
 * the true one, both row-major. A non-finite value is written as `null` and read as NaN.
 */
@Serializable
data class CouplingMatrices(
    val dim: Int,
    val learned: List<@Serializable(with = FiniteOrNull::class) Double>,
    val truth: List<@Serializable(with = FiniteOrNull::class) Double>? = null,
) {
    init {
        require(dim > 0) { "dim must be positive, was $dim" }
        require(learned.size == dim * dim) { "learned has ${learned.size} values, expected dim² = ${dim * dim}" }
        truth?.let { require(it.size == dim * dim) { "truth has ${it.size} values, expected dim² = ${dim * dim}" } }
    }

    /** The learned coupling of sites [i] and [j]. */
    fun learned(i: Int, j: Int): Double = learned[i * dim + j]
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
