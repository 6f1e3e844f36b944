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
import org.ebmworkbench.reports.records.Direction
import org.ebmworkbench.reports.records.ExperimentRun
import org.ebmworkbench.reports.stats.Bootstrap

/** One sentence on the size of the grid and where its cells are, so a partial run says what is missing. */
internal fun gridSummary(run: ExperimentRun, grouping: Grouping): String {
    val layout = grouping.layout
    val head = if (layout != null) {
        "Grid from experiment.json: ${layout.datasets.size} dataset(s) × ${layout.settings.size} setting(s) × " +
            "${layout.seeds.size} seed(s) = ${layout.expectedCells} cell(s). "
    } else "The grid's size is unknown (experiment.json has no grid layout). "
    val order = listOf(CellState.DONE, CellState.DIVERGED, CellState.FAILED, CellState.RUNNING, CellState.INTERRUPTED, CellState.PENDING, null)
    val states = run.cells.groupingBy { it.status?.state }.eachCount()
    val notStarted = run.record?.cellIds.orEmpty().count { id -> run.cells.none { it.id == id } }
    val parts = order.filter { it in states }.map { "${states.getValue(it)} ${it?.let(Format::stateName) ?: "without status"}" } +
        listOfNotNull(notStarted.takeIf { it > 0 }?.let { "$it not started" })
    return head + "Cells: " + parts.joinToString(", ").ifEmpty { "none" } + "." +
        (if (grouping.unplaced.isEmpty()) "" else " ${grouping.unplaced.size} cell(s) name no dataset or setting and are " +
            "left out of the table: ${grouping.unplaced.joinToString { it.id }}.")
}

/** `↑ higher is better (a, b); ↓ lower is better (c)`, from the directions the metrics declare. */
private fun directionsLegend(c: Comparison): String {
    val byDirection = c.columns.filter { it.direction != null }.groupBy({ it.direction!! }, { it.metric }).mapValues { it.value.distinct() }
    val parts = listOfNotNull(
        byDirection[Direction.HIGHER]?.let { "↑ higher is better (${it.joinToString()})" },
        byDirection[Direction.LOWER]?.let { "↓ lower is better (${it.joinToString()})" },
    )
    return if (parts.isEmpty()) "No metric declares a direction, so none is ranked. "
    else parts.joinToString("; ") + "; other metrics are not ranked. "
}

internal fun FlowContent.comparisonLegend(c: Comparison) {
    p(classes = "note") {
        +"Each entry: mean ± sample standard deviation of the final metric (summary.json) over the seeds whose value "
        +"is finite; n counts them (\"n=2 of 3\": 3 seeds expected). From n ≥ ${Bootstrap.MIN_N}: 95% CI = percentile "
        +"bootstrap of the mean (${Bootstrap.RESAMPLES} resamples, fixed seed ${Bootstrap.SEED}). "
        +directionsLegend(c)
        +"★ bold = best mean of its column; ≈ underlined = Welch's two-sided t-test (α = ${Comparison.ALPHA}) cannot tell it "
        +"from the best (p ≥ ${Comparison.ALPHA}; hover for t, df and p). An entry with n < 2, or any entry of a column "
        +"whose best has n < 2, is not tested and not marked. ⚠ marks a number that warnings recorded by its seeds put "
        +"in doubt (\"3/3 seeds\": how many of the seeds in the mean carry it; the texts are listed below the table); "
        +"\"impossible\" marks a mean above the dataset's optimum by more than its standard error (std/√n, n ≥ 2). Diverged and failed seeds never enter the mean: they are "
        +"counted in red and link to their reasons below; \"non-finite\" seeds finished with NaN or ±Inf, \"unfinished\" "
        +"ones are pending, running or interrupted. \"optimum\" is the ground-truth optimal expected log-likelihood of "
        +"the dataset (docs/methods.md §1.2), beside the log-likelihood metrics: an EBM evaluated exactly cannot exceed "
        +"it up to test-set noise."
        c.columns.firstNotNullOfOrNull { it.reference }?.let { r ->
            +" A labelled value under a metric (such as \"${r.label}: …\") is the dataset's own reference for that "
            +"metric, declared with the dataset: the score of what the label names, a line a trained model should beat."
        }
    }
}

/** Every warned entry with its marks and the seeds' explanations, each an anchor target of its marks in the table. */
internal fun FlowContent.warningList(c: Comparison) {
    val warned = c.rows.withIndex().flatMap { (i, row) ->
        c.columns.indices.map { j -> Triple(i, j, c.entry(row, j)) }.filter { it.third.marks.isNotEmpty() || it.third.impossible != null }
    }
    if (warned.isEmpty()) return
    h3 { +"Warnings on the numbers" }
    warned.forEach { (i, j, e) ->
        div(classes = "failures") {
            id = warningAnchor(i, j)
            h4 { +"${e.row.label} on ${e.column.dataset}: ${e.column.metric}" }
            ul {
                e.impossible?.let { li { +it } }
                e.marks.forEach { m -> m.texts.distinct().forEach { text -> li { +"${m.label}. $text" } } }
            }
        }
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
