package org.ebmworkbench.reports.tensorboard

import org.ebmworkbench.reports.records.AtomicFiles
import org.ebmworkbench.reports.records.CellRecordWriter
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.CellSummary
import org.ebmworkbench.reports.records.MetricsCsv
import org.ebmworkbench.reports.records.RecordJson
import org.ebmworkbench.reports.records.RunRecords
import org.ebmworkbench.reports.tensorboard.proto.Event
import java.io.ByteArrayOutputStream
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.isRegularFile

/** What [TensorBoardExport.exportExperiment] did with each cell, by cell id. */
data class TensorBoardExportResult(
    /** The event file written for each exported cell. */
    val written: Map<String, Path>,
    /** Cells left as they are, each with why (still running, nothing measured yet). */
    val skipped: Map<String, String>,
    /** Cells whose records could not be read, each with what is wrong. */
    val unreadable: Map<String, String>,
)

/**
 * Writes TensorBoard event files from a cell's run records (metrics.csv, status.json, summary.json), for runs made
 * before cells wrote them. The file is the one the cell would have written while it ran: the same name, events and
 * wall times.
 */
object TensorBoardExport {
    /**
     * Writes the event file of the cell in [cellDir] from its records, replacing its earlier event files, and returns
     * it. metrics.csv must exist; status.json and summary.json add the settings, the final metrics and the end.
     */
    fun writeCell(cellDir: Path): Path {
        val metricsFile = cellDir.resolve(CellRecordWriter.METRICS_FILE)
        val (columns, rows) = MetricsCsv.parseFields(Files.readString(metricsFile))
        val status = RunRecords.readStatus(cellDir)
        val summary = readSummary(cellDir)
        // A cell recorded without a start time: its last row was written when metrics.csv was last modified.
        val start = TensorBoardFiles.startSeconds(status) {
            val lastWall = rows.lastOrNull()?.getOrNull(columns.indexOf(MetricsCsv.WALL_SECONDS)) ?: 0.0
            Files.getLastModifiedTime(metricsFile).toMillis() / 1000.0 - lastWall
        }
        val file = TensorBoardFiles.eventFile(cellDir, start, status?.host)
        AtomicFiles.writeBytes(file, encode(events(columns, rows, status, summary, start)))
        TensorBoardFiles.deleteEventFiles(cellDir, keep = file)
        return file
    }

    /**
     * Writes the event files of every cell of the experiment in [dir] that has a metrics.csv and is not running (a
     * running cell appends to its own file). A cell whose records cannot be read is reported, not fatal.
     */
    fun exportExperiment(dir: Path): TensorBoardExportResult {
        val written = linkedMapOf<String, Path>()
        val skipped = linkedMapOf<String, String>()
        val unreadable = linkedMapOf<String, String>()
        for (cell in RunRecords.readExperiment(dir).cells) {
            when {
                cell.status?.state == CellState.RUNNING -> skipped[cell.id] = "still running (it writes its own event file)"
                !cell.dir.resolve(CellRecordWriter.METRICS_FILE).isRegularFile() ->
                    skipped[cell.id] = "no ${CellRecordWriter.METRICS_FILE} (${cell.status?.state?.name?.lowercase() ?: "no status"})"
                else -> try {
                    written[cell.id] = writeCell(cell.dir)
                } catch (e: IllegalArgumentException) {
                    unreadable[cell.id] = "${CellRecordWriter.METRICS_FILE} is unreadable (${e.message})"
                }
            }
        }
        return TensorBoardExportResult(written, skipped, unreadable)
    }

    /** The events of a cell's whole run, in the order [CellEventLog] appends them. */
    fun events(
        columns: List<String>, rows: List<List<Double?>>, status: CellStatus?, summary: CellSummary?, startSeconds: Double,
    ): List<Event> = buildList {
        add(CellEvents.fileVersion(startSeconds))
        status?.let { add(CellEvents.sessionStart(it, startSeconds)) }
        rows.forEach { row -> CellEvents.row(columns, row, startSeconds)?.let(::add) }
        status?.let { s ->
            CellEvents.finalMetrics(s, summary, startSeconds)?.let(::add)
            CellEvents.sessionEnd(s, startSeconds)?.let(::add)
        }
    }

    private fun encode(events: List<Event>): ByteArray =
        ByteArrayOutputStream().apply { events.forEach { write(TfRecord.frame(it.toByteArray())) } }.toByteArray()

    private fun readSummary(cellDir: Path): CellSummary? = runCatching {
        RecordJson.json.decodeFromString(
            CellSummary.serializer(), Files.readString(cellDir.resolve(CellRecordWriter.SUMMARY_FILE)),
        )
    }.getOrNull()
}
