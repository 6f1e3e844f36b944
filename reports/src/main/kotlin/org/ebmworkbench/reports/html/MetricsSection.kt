package org.ebmworkbench.reports.html

import kotlinx.html.FlowContent
import kotlinx.html.id
import kotlinx.html.h2
import kotlinx.html.p
import kotlinx.html.section
import kotlinx.html.table
import kotlinx.html.tbody
import kotlinx.html.td
import kotlinx.html.th
import kotlinx.html.thead
import kotlinx.html.tr
import org.ebmworkbench.reports.records.CellRun
import org.ebmworkbench.reports.records.ExperimentRun

/** Metric names in order of first appearance across the cells' summaries. */
internal fun metricNames(run: ExperimentRun): List<String> =
    run.cells.flatMap { it.summary?.metrics?.keys.orEmpty() }.distinct()

/**
 * The "Metrics" section: one row per cell with its identity, state, final step, wall time, every final
 * metric (4 decimals) and, where the dataset has a known optimum log-likelihood, that optimum.
 */
internal fun FlowContent.metricsSection(run: ExperimentRun) {
    val metrics = metricNames(run)
    val showOptimum = run.cells.any { it.summary?.optimalLogLikelihood != null }
    section {
        id = "metrics"
        h2 { +"Metrics" }
        if (run.cells.isEmpty()) {
            p { +"No cells found." }
            return@section
        }
        p(classes = "note") {
            +"Final metrics per cell, from summary.json (4 decimals; NaN and ±Inf are reported, not dropped). "
            +"The evaluation protocol of each metric (grid, sample counts, seeds) is under Evaluation protocol above; "
            +"each cell's full specification is under Specification below."
        }
        table {
            thead {
                tr {
                    listOf("cell", "dataset", "method", "seed", "state", "final step", "wall time").forEach { th { +it } }
                    metrics.forEach { th(classes = "num") { +it } }
                    if (showOptimum) th(classes = "num") { +"optimum" }
                }
            }
            tbody { run.cells.forEach { cellRow(it, metrics, showOptimum) } }
        }
    }
}

private fun kotlinx.html.TBODY.cellRow(cell: CellRun, metrics: List<String>, showOptimum: Boolean) {
    val summary = cell.summary
    val status = cell.status
    val stateClass = "state-" + Format.stateName(status?.state)
    tr {
        td(classes = "mono") { +cell.id }
        td { +(summary?.dataset ?: status?.dataset ?: "—") }
        td { +(summary?.method ?: status?.method ?: "—") }
        td(classes = "num") { +(summary?.seed ?: status?.seed)?.toString().orEmpty() }
        td(classes = stateClass) { +Format.state(cell) }
        td(classes = "num") { +(summary?.finalStep ?: status?.step)?.toString().orEmpty() }
        td(classes = "num") { +((summary?.wallSeconds ?: status?.wallSeconds)?.let(Format::duration) ?: "") }
        metrics.forEach { name -> td(classes = "num") { +(summary?.metrics?.get(name)?.let(Format::metric) ?: "—") } }
        if (showOptimum) td(classes = "num") { +(summary?.optimalLogLikelihood?.let(Format::metric) ?: "—") }
    }
}
