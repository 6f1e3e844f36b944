package org.ebmworkbench.reports.html

import kotlinx.html.FlowContent
import kotlinx.html.div
import kotlinx.html.figcaption
import kotlinx.html.figure
import kotlinx.html.h2
import kotlinx.html.h3
import kotlinx.html.id
import kotlinx.html.p
import kotlinx.html.section
import kotlinx.html.unsafe
import org.ebmworkbench.reports.compare.Grouping
import org.ebmworkbench.reports.records.MetricsCsv
import org.ebmworkbench.reports.stats.PointwiseMean

/**
 * The "Learning curves" section: per dataset, one inline SVG chart per metrics.csv column, x = step, one line per
 * setting: the mean over its seeds with a ±1 sample-std band. The SVG is produced by JFreeSVG, which escapes all
 * text it draws.
 */
internal fun FlowContent.curvesSection(grouping: Grouping) {
    section {
        id = "curves"
        h2 { +"Learning curves" }
        val perDataset = grouping.datasets.map { d ->
            val groups = grouping.rows.mapNotNull { grouping.group(it.label, d) }
            val columns = groups.flatMap { g -> g.runs.flatMap { it.cell.metrics?.metricColumns.orEmpty() } }.distinct()
            Triple(d, groups, columns)
        }.filter { it.third.isNotEmpty() }
        if (perDataset.isEmpty()) {
            p { +"No metrics.csv with metric columns found." }
            return@section
        }
        p(classes = "note") {
            +"Values logged during training (metrics.csv) against the step: per setting, the mean over its seeds with a "
            +"band of ± one sample standard deviation (where at least two seeds have a value at that step). NaN and ±Inf "
            +"points are skipped, so a diverged seed contributes until it diverged; the legend gives the number of seeds."
        }
        var chart = 0
        for ((dataset, groups, columns) in perDataset) {
            h3 { +dataset }
            for (column in columns) {
                val bands = groups.mapNotNull { g ->
                    val curves = g.runs.mapNotNull { r ->
                        val table = r.cell.metrics ?: return@mapNotNull null
                        val y = table.column(column) ?: return@mapNotNull null
                        table.column(MetricsCsv.STEP)?.let { it to y }
                    }
                    if (curves.isEmpty()) return@mapNotNull null
                    val m = PointwiseMean.of(curves)
                    Band("${g.row.label} (${curves.size} seed${if (curves.size == 1) "" else "s"})", m.x, m.mean, m.low, m.high)
                }
                val svg = SvgCharts.bandChart("$column on $dataset", "step", column, bands, "lc${chart++}_")
                figure(classes = "chart") {
                    div { unsafe { +svg } }
                    figcaption { +"$column on $dataset: ${bands.size} setting(s), mean ± std over seeds." }
                }
            }
        }
    }
}
