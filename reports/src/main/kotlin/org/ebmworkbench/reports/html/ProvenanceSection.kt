package org.ebmworkbench.reports.html

import kotlinx.html.FlowContent
import kotlinx.html.details
import kotlinx.html.h2
import kotlinx.html.id
import kotlinx.html.pre
import kotlinx.html.section
import kotlinx.html.summary
import kotlinx.html.table
import kotlinx.html.tbody
import kotlinx.html.td
import kotlinx.html.th
import kotlinx.html.tr
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.ExperimentRun
import org.ebmworkbench.reports.records.MachineInfo
import java.time.Duration
import java.time.Instant
import java.util.Locale

/**
 * "How this report was made", at the top of the report: the script (its source collapsible), the workbench's version
 * and commit, the library versions, the devices and machines the cells ran on, and the grid's wall time. Values that
 * differ between cells are all listed, with how many cells had each.
 */
internal fun FlowContent.provenanceSection(run: ExperimentRun) {
    val statuses = run.cells.mapNotNull { it.status }
    section {
        id = "provenance"
        h2 { +"How this report was made" }
        table(classes = "provenance") {
            tbody {
                fact("script", run.record?.scriptPath ?: "none recorded (a spec built in code)")
                fact("workbench", tally(statuses) { s ->
                    s.versions["ebm-workbench"]?.let { v -> "$v, commit ${s.versions["ebm-workbench-commit"] ?: "unknown"}" }
                })
                fact("script's repository", tally(statuses) { it.gitCommit?.let { c -> "commit $c" } })
                fact("libraries", tally(statuses) { s ->
                    listOfNotNull(
                        s.versions["djl"]?.let { "DJL $it" }, s.versions["pytorch"]?.let { "PyTorch $it" },
                        s.versions["java"]?.let { "Java $it" }, s.versions["kotlin"]?.let { "Kotlin $it" },
                    ).joinToString(", ").ifEmpty { null }
                })
                fact("device", tally(statuses) { it.device })
                fact("machine", tally(statuses) { s -> s.host?.let { h -> h + (s.machine?.let { ": ${machine(it)}" } ?: "") } })
                fact("wall time", wallTime(statuses))
            }
        }
        run.record?.scriptSource?.let { source ->
            details {
                summary { +"Script source (${source.trimEnd().lines().size} lines)" }
                pre { +source }
            }
        }
    }
}

private fun kotlinx.html.TBODY.fact(name: String, value: String) = tr {
    th { +name }
    td { +value }
}

/** The distinct values of [of] over the cells, with their counts when there is more than one; "unknown" if none. */
private fun tally(statuses: List<CellStatus>, of: (CellStatus) -> String?): String {
    val counts = statuses.mapNotNull(of).groupingBy { it }.eachCount()
    return when (counts.size) {
        0 -> "unknown"
        1 -> counts.keys.single()
        else -> counts.entries.joinToString("; ") { (v, n) -> "$v ($n cell${if (n == 1) "" else "s"})" }
    }
}

private fun machine(m: MachineInfo): String = listOfNotNull(
    "${m.cores} core${if (m.cores == 1) "" else "s"}",
    m.memoryBytes?.let { String.format(Locale.ROOT, "%.1f GiB memory", it / (1024.0 * 1024 * 1024)) },
    m.os,
).joinToString(", ")

/** From the first cell's start to the last cell's latest update, and the cells' own training time summed. */
private fun wallTime(statuses: List<CellStatus>): String {
    val starts = statuses.mapNotNull { s -> s.startedAt?.let { runCatching { Instant.parse(it) }.getOrNull() } }
    val ends = statuses.mapNotNull { s -> s.updatedAt?.let { runCatching { Instant.parse(it) }.getOrNull() } }
    if (starts.isEmpty() || ends.isEmpty()) return "unknown (no cell has started)"
    val grid = Duration.between(starts.min(), ends.max()).toMillis() / 1000.0
    val training = statuses.sumOf { it.wallSeconds }
    return "${Format.duration(grid)} from the first cell's start to the last cell's last update; " +
        "${Format.duration(training)} of training summed over the ${statuses.size} cell(s)"
}
