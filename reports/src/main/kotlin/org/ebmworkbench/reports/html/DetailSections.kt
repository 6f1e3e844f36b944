package org.ebmworkbench.reports.html

import kotlinx.html.FlowContent
import kotlinx.html.id
import kotlinx.html.details
import kotlinx.html.h2
import kotlinx.html.h3
import kotlinx.html.li
import kotlinx.html.p
import kotlinx.html.pre
import kotlinx.html.section
import kotlinx.html.summary
import kotlinx.html.table
import kotlinx.html.tbody
import kotlinx.html.td
import kotlinx.html.th
import kotlinx.html.thead
import kotlinx.html.tr
import kotlinx.html.ul
import kotlinx.serialization.json.JsonElement
import org.ebmworkbench.reports.compare.Grouping
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.ExperimentRun
import org.ebmworkbench.reports.records.RecordJson

private fun prettyJson(element: JsonElement): String = RecordJson.json.encodeToString(JsonElement.serializer(), element)

/** The "Specification" section: the experiment spec, then each cell's spec in a collapsible block. */
internal fun FlowContent.specSection(run: ExperimentRun) {
    section {
        id = "specification"
        h2 { +"Specification" }
        val record = run.record
        if (record == null) {
            p { +"No experiment.json: the experiment specification is unknown." }
        } else {
            p { +"Script: ${record.scriptPath ?: "(none)"}; created ${record.createdAt}; ${record.cellIds.size} cell(s)." }
            pre { +prettyJson(record.spec) }
        }
        h3 { +"Cells" }
        run.cells.forEach { cell ->
            details {
                summary { +"${cell.id}: ${Format.cellLabel(cell)}" }
                pre { +(cell.spec?.let(::prettyJson) ?: "(no spec.json)") }
            }
        }
    }
}

/** The "Environment" section: where and with what each cell ran, from status.json. */
internal fun FlowContent.environmentSection(run: ExperimentRun) {
    section {
        id = "environment"
        h2 { +"Environment" }
        table {
            thead {
                tr {
                    listOf("cell", "seed", "host", "device", "git commit", "started", "updated", "versions", "warnings")
                        .forEach { th { +it } }
                }
            }
            tbody {
                run.cells.forEach { cell ->
                    val s = cell.status
                    tr {
                        td(classes = "mono") { +cell.id }
                        if (s == null) {
                            td { attributes["colspan"] = "8"; +"no status.json" }
                            return@tr
                        }
                        td(classes = "num") { +s.seed.toString() }
                        td { +(s.host ?: "—") }
                        td { +(s.device ?: "—") }
                        td(classes = "mono") { +(s.gitCommit ?: "—") }
                        td { +(s.startedAt ?: "—") }
                        td { +(s.updatedAt ?: "—") }
                        td { +(s.versions.entries.joinToString(", ") { "${it.key} ${it.value}" }.ifEmpty { "—" }) }
                        td { if (s.warnings.isEmpty()) +"—" else ul { s.warnings.forEach { li { +it } } } }
                    }
                }
            }
        }
    }
}

/** The "Missing" section: every reading problem and every cell that is not done, so gaps are never silent. */
internal fun FlowContent.missingSection(run: ExperimentRun, grouping: Grouping) {
    val notDone = run.cells.filter { it.status?.state != CellState.DONE }
    section {
        id = "missing"
        h2 { +"Missing" }
        p(classes = "note") { +gridSummary(run, grouping) }
        if (run.problems.isEmpty() && notDone.isEmpty()) {
            p { +"Nothing missing: all ${run.cells.size} cell(s) are done and every expected file was read." }
            return@section
        }
        if (run.problems.isNotEmpty()) {
            h3 { +"Problems reading the run records" }
            ul { run.problems.forEach { li { +it } } }
        }
        if (notDone.isNotEmpty()) {
            h3 { +"Cells not done (${notDone.size} of ${run.cells.size})" }
            ul { notDone.forEach { li { +"${it.id} (${Format.cellLabel(it)}): ${Format.state(it)}" } } }
        }
    }
}
