package org.ebmworkbench.reports.html

import kotlinx.html.FlowContent
import kotlinx.html.TR
import kotlinx.html.br
import kotlinx.html.p
import kotlinx.html.span
import kotlinx.html.table
import kotlinx.html.tbody
import kotlinx.html.td
import kotlinx.html.th
import kotlinx.html.thead
import kotlinx.html.tr
import org.ebmworkbench.reports.compare.Grouping
import org.ebmworkbench.reports.records.CellRun

private const val GRID_PX = 160

/**
 * Heatmaps as a table: a first row with each dataset's data histogram, then one row per setting, one column per
 * dataset, showing the density of the group's first seed (lowest seed number) that has one; each image says its seed.
 */
internal fun FlowContent.densityGrid(grouping: Grouping) {
    val datasets = grouping.datasets.filter { d -> grouping.rows.any { firstDensity(grouping, it.label, d) != null } }
    if (datasets.isEmpty()) return
    val rows = grouping.rows.filter { r -> datasets.any { firstDensity(grouping, r.label, it) != null } }
    table(classes = "density-grid") {
        thead { tr { th { +"setting" }; datasets.forEach { th { +it } } } }
        tbody {
            tr {
                th(classes = "rowlabel") { +"data" }
                datasets.forEach { d ->
                    val source = grouping.rows.mapNotNull { firstDensity(grouping, it.label, d) }.firstOrNull { it.data != null }
                    td {
                        if (source == null) +"no data sample" else {
                            val hist = DensityImages.histogram(source.density!!, source.data!!)
                            heatmap(hist, "data histogram of $d", GRID_PX)
                            br()
                            span(classes = "note") { +"${hist.total} points, seed ${source.status?.seed ?: source.summary?.seed ?: "?"}" }
                        }
                    }
                }
            }
            rows.forEach { row -> tr { th(classes = "rowlabel") { +row.label }; datasets.forEach { d -> gridCell(firstDensity(grouping, row.label, d), "${row.label} on $d") } } }
        }
    }
    p(classes = "note") { +"Rows: settings; columns: datasets. Each image is the first seed's model density, over the box of its evaluation grid." }
}

private fun TR.gridCell(cell: CellRun?, what: String) = td {
    if (cell == null) {
        +"—"
        return@td
    }
    val map = DensityImages.model(cell.density!!)
    heatmap(map, "model density of $what", GRID_PX)
    br()
    span(classes = "note") {
        +"seed ${cell.status?.seed ?: cell.summary?.seed ?: "?"}"
        if (map.nonFinite > 0) +", ${map.nonFinite} non-finite"
    }
}

private fun firstDensity(grouping: Grouping, row: String, dataset: String): CellRun? =
    grouping.group(row, dataset)?.runs?.firstOrNull { it.cell.density != null }?.cell
