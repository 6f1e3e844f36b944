package org.ebmworkbench.reports.html

import kotlinx.html.FlowContent
import kotlinx.html.TR
import kotlinx.html.a
import kotlinx.html.br
import kotlinx.html.h2
import kotlinx.html.id
import kotlinx.html.p
import kotlinx.html.section
import kotlinx.html.span
import kotlinx.html.table
import kotlinx.html.tbody
import kotlinx.html.td
import kotlinx.html.th
import kotlinx.html.thead
import kotlinx.html.title
import kotlinx.html.tr
import org.ebmworkbench.reports.compare.Comparison
import org.ebmworkbench.reports.records.Direction
import org.ebmworkbench.reports.compare.Entry
import org.ebmworkbench.reports.records.ExperimentRun

/** In-page anchor of the failure list of row [row] on dataset [dataset] (indices only: never built from labels). */
internal fun failureAnchor(row: Int, dataset: Int) = "fail-r$row-d$dataset"

/** The anchor of the warnings on the entry of row [row] and column [column], in the list below the table. */
internal fun warningAnchor(row: Int, column: Int) = "warn-r$row-c$column"

/**
 * The "Comparison" section: settings as rows, datasets × metrics as columns, each entry mean ± std (n) over seeds,
 * a bootstrap CI from n ≥ 5, the column's best entry and those Welch's test cannot tell from it marked; failed and
 * diverged seeds counted and linked to their reasons; ground-truth optima in the header.
 */
internal fun FlowContent.comparisonSection(run: ExperimentRun, comparison: Comparison) {
    section {
        id = "comparison"
        h2 { +"Comparison" }
        p(classes = "note") { +gridSummary(run, comparison.grouping) }
        if (comparison.rows.isEmpty() || comparison.columns.isEmpty()) {
            p { +"No cell names its dataset and setting with a metric yet: nothing to compare." }
        } else {
            comparisonTable(comparison)
            comparisonLegend(comparison)
            warningList(comparison)
        }
        failureList(comparison)
    }
}

private fun FlowContent.comparisonTable(c: Comparison) {
    val datasets = c.grouping.datasets
    val showOptimum = c.columns.any { it.optimum != null || it.reference != null }
    table(classes = "comparison") {
        thead {
            tr {
                th { attributes["rowspan"] = if (showOptimum) "3" else "2"; +"setting" }
                datasets.forEach { d -> th(classes = "dataset") { attributes["colspan"] = c.metrics.size.toString(); +d } }
            }
            tr {
                c.columns.forEach { col ->
                    th(classes = "num") { +col.metric; +(when (col.direction) { Direction.HIGHER -> " ↑"; Direction.LOWER -> " ↓"; null -> "" }) }
                }
            }
            if (showOptimum) tr {
                c.columns.forEach { col ->
                    th(classes = "num optimum") {
                        col.optimum?.let { +"optimum ${Format.metric(it)}" }
                        col.reference?.let { r ->
                            if (col.optimum != null) br()
                            span(classes = "reference") { +"${r.label}: ${Format.metric(r.value)}" }
                        }
                    }
                }
            }
        }
        tbody {
            c.rows.forEachIndexed { i, row ->
                tr {
                    th(classes = "rowlabel") { +row.label }
                    c.columns.indices.forEach { j ->
                        entryCell(c.entry(row, j), failureAnchor(i, datasets.indexOf(c.columns[j].dataset)), warningAnchor(i, j))
                    }
                }
            }
        }
    }
}

private fun TR.entryCell(e: Entry, anchor: String, warnings: String) {
    val classes = listOfNotNull("num", "best".takeIf { e.best }, "tie".takeIf { e.indistinguishable == true })
    td(classes = classes.joinToString(" ")) {
        e.test?.let { t -> title = "Welch's test against the best: t = ${Format.metric(t.t)}, df = ${Format.metric(t.df)}, p = ${Format.pValue(t.pValue)}" }
        val s = e.stats
        val k = e.counts
        if (s == null) +"—" else {
            +Format.metric(s.mean)
            if (s.n >= 2) +" ± ${Format.metric(s.std)}"
        }
        +" "
        span(classes = "n") { +(if (k.finite == k.expected) "(n=${k.finite})" else "(n=${k.finite} of ${k.expected})") }
        if (e.best) span(classes = "mark") { +" ★" } else if (e.indistinguishable == true) span(classes = "mark") { +" ≈" }
        e.ci?.let { ci -> br(); span(classes = "ci") { +"95% CI [${Format.metric(ci.low)}, ${Format.metric(ci.high)}]" } }
        // A warned number carries its mark in its own cell, so it is never shown (or starred) without it.
        e.marks.forEach { m -> br(); a(href = "#$warnings", classes = "warn") { +m.label } }
        e.impossible?.let { why -> br(); a(href = "#$warnings", classes = "warn impossible") { title = why; +"⚠ impossible: above the optimum" } }
        val bad = listOfNotNull(k.diverged.takeIf { it > 0 }?.let { "$it diverged" }, k.failed.takeIf { it > 0 }?.let { "$it failed" })
        if (bad.isNotEmpty()) {
            br()
            a(href = "#$anchor", classes = "bad") { +bad.joinToString(", ") }
        }
        val other = listOfNotNull(
            k.nonFinite.takeIf { it > 0 }?.let { "$it non-finite" }, k.notMeasured.takeIf { it > 0 }?.let { "$it not measured" },
            k.incomplete.takeIf { it > 0 }?.let { "$it unfinished" }, k.notStarted.takeIf { it > 0 }?.let { "$it not started" },
        )
        if (other.isNotEmpty()) {
            br()
            span(classes = "miss") { +other.joinToString(", ") }
        }
    }
}
