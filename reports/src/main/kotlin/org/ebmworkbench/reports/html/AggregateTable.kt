package org.ebmworkbench.reports.html

import kotlinx.html.FlowContent
import kotlinx.html.h3
import kotlinx.html.p
import kotlinx.html.table
import kotlinx.html.tbody
import kotlinx.html.td
import kotlinx.html.th
import kotlinx.html.thead
import kotlinx.html.tr
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.ExperimentRun
import java.util.Locale
import kotlin.math.sqrt

/** Mean ± sample standard deviation of the finite values among [values], with counts. */
internal fun meanStd(values: List<Double>): String {
    val finite = values.filter { it.isFinite() }
    val n = finite.size
    val counts = if (n == values.size) "n=$n" else "n=$n of ${values.size}"
    if (n == 0) return "— ($counts)"
    val mean = finite.average()
    if (n == 1) return "${Format.metric(mean)} ($counts)"
    val std = sqrt(finite.sumOf { (it - mean) * (it - mean) } / (n - 1))
    return "${Format.metric(mean)} ± ${Format.metric(std)} ($counts)"
}

/**
 * Aggregates over seeds: one row per (dataset, method) among cells with a summary, each metric as
 * mean ± std over the seeds whose value is finite, with n; diverged and failed seeds are counted.
 */
internal fun FlowContent.aggregateTable(run: ExperimentRun, metrics: List<String>) {
    val groups = run.cells.filter { it.summary != null }.groupBy { it.summary!!.dataset to it.summary.method }
    if (groups.isEmpty()) return
    h3 { +"Over seeds" }
    p(classes = "note") {
        +"Mean ± sample standard deviation over seeds; n counts the seeds with a finite value "
        +"(\"n=2 of 3\": one seed gave NaN or ±Inf). Cells without summary.json are listed under Missing."
    }
    table {
        thead {
            tr {
                listOf("dataset", "method", "seeds", "diverged", "failed").forEach { th { +it } }
                metrics.forEach { th(classes = "num") { +it } }
            }
        }
        tbody {
            for ((key, cells) in groups) {
                fun count(state: CellState) = cells.count { it.status?.state == state }
                tr {
                    td { +key.first }
                    td { +key.second }
                    td(classes = "num") { +cells.size.toString() }
                    td(classes = "num") { +count(CellState.DIVERGED).toString() }
                    td(classes = "num") { +count(CellState.FAILED).toString() }
                    metrics.forEach { name ->
                        val values = cells.mapNotNull { it.summary!!.metrics[name] }
                        td(classes = "num") { +(if (values.isEmpty()) "—" else meanStd(values)) }
                    }
                }
            }
        }
    }
}

internal fun stateName(state: CellState?): String = state?.name?.lowercase(Locale.ROOT) ?: "unknown"
