package org.ebmworkbench.reports.html

import kotlinx.html.FlowContent
import kotlinx.html.details
import kotlinx.html.div
import kotlinx.html.figcaption
import kotlinx.html.figure
import kotlinx.html.h2
import kotlinx.html.id
import kotlinx.html.img
import kotlinx.html.p
import kotlinx.html.section
import kotlinx.html.summary
import org.ebmworkbench.reports.compare.Grouping
import org.ebmworkbench.reports.records.CellRun
import org.ebmworkbench.reports.records.DensityGrid
import org.ebmworkbench.reports.records.ExperimentRun
import java.util.Locale

private const val IMAGE_PX = 280

/**
 * The "Learned densities" section: a grid of heatmaps, settings × datasets (the first seed with a density grid of
 * each), under a row of data histograms; then, folded, every cell's model density beside its data histogram.
 */
internal fun FlowContent.densitySection(run: ExperimentRun, grouping: Grouping) {
    val cells = run.cells.filter { it.density != null }
    section {
        id = "densities"
        h2 { +"Learned densities" }
        if (cells.isEmpty()) {
            p { +"No cell has a density grid (artefacts/density.json)." }
            return@section
        }
        p(classes = "note") {
            +"Colour is linear in density (viridis: dark purple = 0, yellow = the image's maximum, each image scaled on "
            +"its own); grey marks non-finite model values. Images cover the evaluation box, y upwards."
        }
        densityGrid(grouping)
        details {
            summary { +"Every cell's density and data (${cells.size})" }
            cells.forEach { densityFigure(it, it.density!!) }
        }
    }
}

private fun FlowContent.densityFigure(cell: CellRun, grid: DensityGrid) {
    val model = DensityImages.model(grid)
    val hist = cell.data?.let { DensityImages.histogram(grid, it) }
    figure(classes = "density") {
        div(classes = "pair") {
            heatmap(model, "model density of ${Format.cellLabel(cell)}", IMAGE_PX)
            if (hist != null) heatmap(hist, "data histogram of ${Format.cellLabel(cell)}", IMAGE_PX)
        }
        figcaption {
            +"${Format.cellLabel(cell)} (${cell.id}). Left: model density on a ${grid.resolution}×${grid.resolution} grid over ${box(grid)}"
            if (model.nonFinite > 0) +" (${model.nonFinite} non-finite values in grey)"
            +". "
            if (hist == null) {
                +"No data sample (artefacts/data.json) for the histogram."
            } else {
                +"Right: histogram of ${hist.total} data points, ${hist.size}×${hist.size} bins over the same box"
                if (hist.outside > 0) +" (${hist.outside} points outside the box not shown)"
                +"."
            }
        }
    }
}

internal fun box(grid: DensityGrid): String = String.format(
    Locale.ROOT, "[%s, %s] × [%s, %s]",
    Format.metric(grid.xMin), Format.metric(grid.xMax), Format.metric(grid.yMin), Format.metric(grid.yMax),
)

internal fun FlowContent.heatmap(map: Heatmap, alt: String, px: Int) {
    img(src = map.dataUri, classes = "heatmap") {
        this.alt = alt
        attributes["width"] = px.toString()
        attributes["height"] = px.toString()
    }
}
