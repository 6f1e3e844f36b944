package org.ebmworkbench.reports.html

import org.ebmworkbench.reports.records.DataSample
import org.ebmworkbench.reports.records.DensityGrid
import org.ebmworkbench.reports.records.SampleBox
import java.awt.image.BufferedImage
import java.io.ByteArrayOutputStream
import java.util.Base64
import javax.imageio.ImageIO
import kotlin.math.exp

/** A rendered heatmap: PNG bytes plus the facts its caption must state. */
internal class Heatmap(val png: ByteArray, val size: Int, val nonFinite: Int, val outside: Int = 0, val total: Int = 0) {
    val dataUri: String get() = "data:image/png;base64," + Base64.getEncoder().encodeToString(png)
}

/**
 * Renders density grids and data histograms as viridis PNG heatmaps. Colour is linear in the value, from 0
 * (dark purple) to the image's maximum (yellow); non-finite cells are grey. Image row 0 is the top of the
 * box (largest y), so the picture has the usual orientation (y up).
 */
internal object DensityImages {
    private const val NON_FINITE_RGB = 0xbbbbbb
    const val MAX_HISTOGRAM_BINS = 100

    init {
        System.setProperty("java.awt.headless", "true")
    }

    /** The model density exp(logDensity), scaled by its maximum (computed stably in log space). */
    fun model(grid: DensityGrid): Heatmap {
        val n = grid.resolution
        val maxLog = grid.logDensity.filter { it.isFinite() }.maxOrNull() ?: 0.0
        var nonFinite = 0
        val values = DoubleArray(n * n) { k ->
            val l = grid.logDensity[k]
            when {
                l == Double.NEGATIVE_INFINITY -> 0.0
                !l.isFinite() -> { nonFinite++; Double.NaN }
                else -> exp(l - maxLog)
            }
        }
        return Heatmap(png(values, n), n, nonFinite)
    }

    /** Number of histogram bins per axis for [grid]. */
    fun histogramBins(grid: DensityGrid): Int = minOf(grid.resolution, MAX_HISTOGRAM_BINS)

    /** A 2-D histogram of [sample] over the box of [grid]; points outside the box are counted, not drawn. */
    fun histogram(grid: DensityGrid, sample: DataSample): Heatmap =
        histogram(SampleBox(grid.xMin, grid.xMax, grid.yMin, grid.yMax), histogramBins(grid), sample)

    /** A 2-D histogram of [sample] in [bins] × [bins] bins over [box]; points outside it are counted, not drawn. */
    fun histogram(box: SampleBox, bins: Int, sample: DataSample): Heatmap {
        val counts = DoubleArray(bins * bins)
        var outside = 0
        for (p in sample.points) {
            val ix = bin(p[0], box.xMin, box.xMax, bins)
            val iy = bin(p[1], box.yMin, box.yMax, bins)
            if (ix < 0 || iy < 0) outside++ else counts[iy * bins + ix] += 1.0
        }
        return Heatmap(png(counts, bins), bins, 0, outside, sample.points.size)
    }

    /**
     * A D × D matrix ([values] row-major, row i drawn as image row i from the top) in the [Diverging] map with
     * ±[scale] at the ends, so matrices drawn with one scale compare by colour; non-finite entries are grey.
     */
    fun signedMatrix(values: List<Double>, dim: Int, scale: Double): Heatmap {
        require(values.size == dim * dim) { "${values.size} values for a $dim × $dim matrix" }
        val s = scale.takeIf { it > 0 && it.isFinite() } ?: 1.0
        val image = BufferedImage(dim, dim, BufferedImage.TYPE_INT_RGB)
        var nonFinite = 0
        for (i in 0 until dim) for (j in 0 until dim) {
            val v = values[i * dim + j]
            if (!v.isFinite()) nonFinite++
            image.setRGB(j, i, if (v.isFinite()) Diverging.rgb(v / s) else NON_FINITE_RGB)
        }
        return Heatmap(encode(image), dim, nonFinite)
    }

    /** Bin index of [v] in [lo, hi] split into [bins] equal bins (hi itself in the last bin), or -1 outside. */
    private fun bin(v: Double, lo: Double, hi: Double, bins: Int): Int {
        if (!(v >= lo && v <= hi)) return -1
        return minOf(((v - lo) / (hi - lo) * bins).toInt(), bins - 1)
    }

    /** [values] row-major with row 0 at the bottom; scaled by the finite maximum; NaN drawn grey. */
    private fun png(values: DoubleArray, n: Int): ByteArray {
        val max = values.filter { it.isFinite() }.maxOrNull()?.takeIf { it > 0 } ?: 1.0
        val image = BufferedImage(n, n, BufferedImage.TYPE_INT_RGB)
        for (row in 0 until n) for (col in 0 until n) {
            val v = values[row * n + col]
            image.setRGB(col, n - 1 - row, if (v.isNaN()) NON_FINITE_RGB else Viridis.rgb(v / max))
        }
        return encode(image)
    }

    private fun encode(image: BufferedImage): ByteArray {
        val out = ByteArrayOutputStream()
        check(ImageIO.write(image, "png", out)) { "no PNG writer available" }
        return out.toByteArray()
    }
}
