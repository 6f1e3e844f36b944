package org.ebmworkbench.reports.html

import kotlinx.html.FlowContent
import kotlinx.html.h2
import kotlinx.html.h3
import kotlinx.html.id
import kotlinx.html.p
import kotlinx.html.section
import kotlinx.html.table
import kotlinx.html.tbody
import kotlinx.html.td
import kotlinx.html.th
import kotlinx.html.thead
import kotlinx.html.tr
import org.ebmworkbench.reports.records.Direction
import org.ebmworkbench.reports.records.GridLayout
import org.ebmworkbench.reports.records.MetricInfo
import org.ebmworkbench.reports.stats.Bootstrap

/**
 * The "Evaluation protocol" section: behind every number, how the metric is computed with its parameters, as each
 * metric's component states it in the grid layout, the test set of each dataset, the seeds, and how the statistics
 * are computed.
 */
internal fun FlowContent.protocolSection(layout: GridLayout?) {
    section {
        id = "protocol"
        h2 { +"Evaluation protocol" }
        if (layout == null) {
            p { +"experiment.json has no grid layout: each cell's settings are in its own spec.json (see Specification)." }
            return@section
        }
        p {
            +"Table entries are the metrics' final values (summary.json, evaluated once training ended); learning curves "
            +"show the same metrics at every evaluation. Seeds: ${layout.seeds.joinToString(", ")} "
            +"(${layout.seeds.size} per setting and dataset; a seed fixes initialisation, data and sampling)."
            +" Statistics over seeds: mean ± sample std; 95% CI by percentile bootstrap (${Bootstrap.RESAMPLES} resamples) "
            +"from n ≥ ${Bootstrap.MIN_N}; Welch's two-sided t-test against the best entry of each column."
        }
        h3 { +"Metrics" }
        val users = LinkedHashMap<MetricInfo, MutableList<String>>()
        layout.settings.forEach { s -> s.metrics.forEach { m -> users.getOrPut(m) { mutableListOf() } += s.label } }
        table {
            thead { tr { listOf("metric", "better", "how it is computed", "used by").forEach { th { +it } } } }
            tbody {
                users.forEach { (m, settings) ->
                    tr {
                        td(classes = "mono") { +m.name }
                        td { +directionWord(m.direction) }
                        td { +m.protocol }
                        td { +(if (settings.size == layout.settings.size) "all settings" else settings.joinToString("; ")) }
                    }
                }
            }
        }
        h3 { +"Datasets and test sets" }
        table {
            thead { tr { listOf("dataset", "test set", "optimal log-likelihood").forEach { th { +it } } } }
            tbody {
                layout.datasets.forEach { d ->
                    tr {
                        td { +d.label }
                        td { +d.testSet }
                        td(classes = "num") { +(d.optimalLogLikelihood?.let(Format::metric) ?: "unknown") }
                    }
                }
            }
        }
    }
}

private fun directionWord(direction: Direction?): String = when (direction) {
    Direction.HIGHER -> "higher ↑"
    Direction.LOWER -> "lower ↓"
    null -> "not ranked"
}
