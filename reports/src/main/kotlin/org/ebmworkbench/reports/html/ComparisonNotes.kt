package org.ebmworkbench.reports.html

import kotlinx.html.FlowContent
import kotlinx.html.div
import kotlinx.html.h3
import kotlinx.html.h4
import kotlinx.html.id
import kotlinx.html.li
import kotlinx.html.p
import kotlinx.html.span
import kotlinx.html.ul
import org.ebmworkbench.reports.compare.Comparison
import org.ebmworkbench.reports.compare.Grouping
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.ExperimentRun
import org.ebmworkbench.reports.stats.Bootstrap

/** One sentence on the size of the grid and where its cells are, so a partial run says what is missing. */
internal fun gridSummary(run: ExperimentRun, grouping: Grouping): String {
    val spec = grouping.spec
    val expected = spec.expectedCells
    val head = if (expected != null) {
        "Grid from experiment.json: ${spec.datasets.size} dataset(s) × ${spec.variants.size} setting(s) × " +
            "${spec.seeds!!.size} seed(s) = $expected cell(s). "
    } else "The grid's size is unknown (no readable experiment spec). "
    val order = listOf(CellState.DONE, CellState.DIVERGED, CellState.FAILED, CellState.RUNNING, CellState.INTERRUPTED, CellState.PENDING, null)
    val states = run.cells.groupingBy { it.status?.state }.eachCount()
    val notStarted = run.record?.cellIds.orEmpty().count { id -> run.cells.none { it.id == id } }
    val parts = order.filter { it in states }.map { "${states.getValue(it)} ${it?.let(Format::stateName) ?: "without status"}" } +
        listOfNotNull(notStarted.takeIf { it > 0 }?.let { "$it not started" })
    return head + "Cells: " + parts.joinToString(", ").ifEmpty { "none" } + "." +
        (if (grouping.unplaced.isEmpty()) "" else " ${grouping.unplaced.size} cell(s) name no dataset or setting and are " +
            "left out of the table: ${grouping.unplaced.joinToString { it.id }}.")
}

internal fun FlowContent.comparisonLegend() {
    p(classes = "note") {
        +"Each entry: mean ± sample standard deviation of the final metric (summary.json) over the seeds whose value "
        +"is finite; n counts them (\"n=2 of 3\": 3 seeds expected). From n ≥ ${Bootstrap.MIN_N}: 95% CI = percentile "
        +"bootstrap of the mean (${Bootstrap.RESAMPLES} resamples, fixed seed ${Bootstrap.SEED}). "
        +"↑ higher is better (test_ll*), ↓ lower is better (mse_log_density, mmd, loss); other metrics are not ranked. "
        +"★ bold = best mean of its column; ≈ underlined = Welch's two-sided t-test (α = ${Comparison.ALPHA}) cannot tell it "
        +"from the best (p ≥ ${Comparison.ALPHA}; hover for t, df and p). An entry with n < 2, or any entry of a column "
        +"whose best has n < 2, is not tested and not marked. Diverged and failed seeds never enter the mean: they are "
        +"counted in red and link to their reasons below; \"non-finite\" seeds finished with NaN or ±Inf, \"unfinished\" "
        +"ones are pending, running or interrupted. \"optimum\" is the ground-truth optimal expected log-likelihood of "
        +"the dataset (methods.md §1.3); an EBM evaluated exactly cannot exceed it up to test-set noise."
    }
}

/** Every failed or diverged seed with its reason, grouped by (setting, dataset), each group an anchor target. */
internal fun FlowContent.failureList(c: Comparison) {
    val datasets = c.grouping.datasets
    val groups = c.rows.withIndex().flatMap { (i, row) ->
        datasets.withIndex().mapNotNull { (j, d) -> c.grouping.group(row.label, d)?.takeIf { it.problems.isNotEmpty() }?.let { Triple(i, j, it) } }
    }
    if (groups.isEmpty()) return
    h3 { +"Failed and diverged seeds" }
    groups.forEach { (i, j, group) ->
        div(classes = "failures") {
            id = failureAnchor(i, j)
            h4 { +"${group.row.label} on ${group.dataset}" }
            ul {
                group.problems.forEach { r ->
                    li {
                        +"seed ${r.seed ?: "?"} "
                        span(classes = "mono") { +"(${r.cell.id})" }
                        +": ${r.reason}"
                    }
                }
            }
        }
    }
}
