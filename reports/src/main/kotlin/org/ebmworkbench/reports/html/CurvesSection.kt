package org.ebmworkbench.reports.html

import kotlinx.html.FlowContent
import kotlinx.html.id
import kotlinx.html.div
import kotlinx.html.figcaption
import kotlinx.html.figure
import kotlinx.html.h2
import kotlinx.html.p
import kotlinx.html.section
import kotlinx.html.unsafe
import org.ebmworkbench.reports.records.ExperimentRun
import org.ebmworkbench.reports.records.MetricsCsv

/** Metric columns in order of first appearance across the cells' metrics.csv files. */
internal fun curveColumns(run: ExperimentRun): List<String> =
    run.cells.flatMap { it.metrics?.metricColumns.orEmpty() }.distinct()

/**
 * The "Learning curves" section: one inline SVG chart per metrics.csv column, x = step, one series per
 * cell labelled dataset/method/seed. The SVG is produced by JFreeSVG, which escapes all text it draws.
 */
internal fun FlowContent.curvesSection(run: ExperimentRun) {
    val columns = curveColumns(run)
    section {
        id = "curves"
        h2 { +"Learning curves" }
        if (columns.isEmpty()) {
            p { +"No metrics.csv with metric columns found." }
            return@section
        }
        p(classes = "note") { +"Values logged during training (metrics.csv) against the step; NaN points are skipped." }
        columns.forEachIndexed { index, column ->
            val series = run.cells.mapNotNull { cell ->
                val table = cell.metrics ?: return@mapNotNull null
                val y = table.column(column) ?: return@mapNotNull null
                val x = table.column(MetricsCsv.STEP) ?: return@mapNotNull null
                Series(Format.cellLabel(cell), x, y)
            }
            val svg = SvgCharts.lineChart(column, "step", column, series, "lc${index}_")
            figure(classes = "chart") {
                div { unsafe { +svg } }
                figcaption { +"$column: ${series.size} cell(s)" }
            }
        }
    }
}
