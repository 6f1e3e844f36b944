package org.ebmworkbench.reports.html

import kotlinx.html.FlowContent
import kotlinx.html.div
import kotlinx.html.figcaption
import kotlinx.html.figure
import kotlinx.html.h2
import kotlinx.html.id
import kotlinx.html.p
import kotlinx.html.section
import kotlinx.html.unsafe
import org.ebmworkbench.reports.compare.Ablations
import org.ebmworkbench.reports.compare.Comparison

/**
 * The "Ablations" section: for each numeric grid axis other than `method`, per dataset and metric, the mean metric
 * (± std band over seeds) against the axis's value, one line per combination of the other labels. Omitted when the
 * grid varies no numeric parameter.
 */
internal fun FlowContent.ablationSection(comparison: Comparison) {
    val plots = Ablations.plots(comparison)
    if (plots.isEmpty()) return
    section {
        id = "ablations"
        h2 { +"Ablations" }
        p(classes = "note") {
            +"Each point is an entry of the comparison table: the mean over the seeds with a finite value, with a band of "
            +"± one sample standard deviation (none where n = 1). One line per setting that differs only in the varied "
            +"parameter; the x axis is logarithmic where the values are positive and span more than two decades."
        }
        plots.forEachIndexed { k, plot ->
            val bands = plot.lines.map { line ->
                val x = DoubleArray(line.points.size) { line.points[it].x }
                val mean = DoubleArray(x.size) { line.points[it].entry.stats!!.mean }
                val std = DoubleArray(x.size) { line.points[it].entry.stats!!.std }
                Band(line.label, x, mean, DoubleArray(x.size) { mean[it] - std[it] }, DoubleArray(x.size) { mean[it] + std[it] })
            }
            val title = "${plot.metric} on ${plot.dataset} against ${plot.axis}"
            val svg = SvgCharts.bandChart(title, plot.axis + if (plot.logX) " (log scale)" else "", plot.metric, bands, "ab${k}_", plot.logX, points = true)
            figure(classes = "chart") {
                div { unsafe { +svg } }
                figcaption {
                    +"$title: ${plot.lines.size} line(s); n per point as in the comparison table."
                }
            }
        }
    }
}
