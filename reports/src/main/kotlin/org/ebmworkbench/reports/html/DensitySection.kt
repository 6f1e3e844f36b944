package org.ebmworkbench.reports.html

import kotlinx.html.FlowContent
import kotlinx.html.id
import kotlinx.html.div
import kotlinx.html.figcaption
import kotlinx.html.figure
import kotlinx.html.h2
import kotlinx.html.img
import kotlinx.html.p
import kotlinx.html.section
import org.ebmworkbench.reports.records.CellRun
import org.ebmworkbench.reports.records.DensityGrid
import org.ebmworkbench.reports.records.ExperimentRun
import java.util.Locale

private const val IMAGE_PX = 280

/**
 * The "Learned densities" section: for each cell with a density grid, the model density exp(log p) and a
 * 2-D histogram of the data sample over the same box, side by side, as embedded PNG images.
 */
internal fun FlowContent.densitySection(run: ExperimentRun) {
    val cells = run.cells.filter { it.density != null }
    section {
        id = "densities"
        h2 { +"Learned densities" }
        if (cells.isEmpty()) {
            p { +"No cell has a density grid (artefacts/density.json)." }
            return@section
        }
        p(classes = "note") {
            +"Colour is linear in density (viridis: dark purple = 0, yellow = the image's maximum); "
            +"grey marks non-finite model values. Both images cover the same box, y upwards."
        }
        cells.forEach { densityFigure(it, it.density!!) }
    }
}

private fun FlowContent.densityFigure(cell: CellRun, grid: DensityGrid) {
    val model = DensityImages.model(grid)
    val hist = cell.data?.let { DensityImages.histogram(grid, it) }
    val box = String.format(
        Locale.ROOT, "[%s, %s] × [%s, %s]",
        Format.metric(grid.xMin), Format.metric(grid.xMax), Format.metric(grid.yMin), Format.metric(grid.yMax),
    )
    figure(classes = "density") {
        div(classes = "pair") {
            heatmap(model, "model density of ${Format.cellLabel(cell)}")
            if (hist != null) heatmap(hist, "data histogram of ${Format.cellLabel(cell)}")
        }
        figcaption {
            +"${Format.cellLabel(cell)} (${cell.id}). Left: model density on a ${grid.resolution}×${grid.resolution} grid over $box"
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

private fun FlowContent.heatmap(map: Heatmap, alt: String) {
    img(src = map.dataUri, classes = "heatmap") {
        this.alt = alt
        attributes["width"] = IMAGE_PX.toString()
        attributes["height"] = IMAGE_PX.toString()
    }
}
