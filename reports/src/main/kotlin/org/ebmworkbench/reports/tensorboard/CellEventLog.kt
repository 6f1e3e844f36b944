package org.ebmworkbench.reports.tensorboard

import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.CellSummary
import org.ebmworkbench.reports.tensorboard.proto.Event
import java.io.Closeable
import java.io.FileOutputStream
import java.nio.file.Files
import java.nio.file.Path

/**
 * The event file of a running cell, appended to as its metrics.csv rows arrive, so that TensorBoard follows the run.
 * Each record is written whole and flushed to the OS; a process killed mid-write can leave a torn last record, which
 * TensorBoard stops at. A cell that is started again (a rerun after an interruption starts from its first step, and
 * metrics.csv with it) begins a new file and deletes the earlier ones, so a run never holds two attempts. Writes go
 * through a [FileOutputStream], which an interrupt does not abort, so the end of an interrupted cell is recorded too.
 */
class CellEventLog private constructor(
    val file: Path,
    private val columns: List<String>,
    private val startSeconds: Double,
) : Closeable {
    private val out = FileOutputStream(file.toFile())

    /** Appends one metrics.csv row (values aligned with the columns the log was started with; null = not measured). */
    fun append(row: List<Double?>) = write(CellEvents.row(columns, row, startSeconds))

    /** Appends the final metrics and the end of the HParams session for the cell's last [status], and closes. */
    fun end(status: CellStatus, summary: CellSummary?) {
        write(CellEvents.finalMetrics(status, summary, startSeconds))
        write(CellEvents.sessionEnd(status, startSeconds))
        close()
    }

    override fun close() = out.close()

    private fun write(event: Event?) {
        if (event == null) return
        out.write(TfRecord.frame(event.toByteArray()))
        out.flush()
    }

    companion object {
        /**
         * Starts the event file of the cell in [cellDir] with metrics.csv's [columns], replacing any earlier one. The
         * cell's [status] so far gives the start time, the host and the settings; without one the log starts now.
         */
        fun start(cellDir: Path, columns: List<String>, status: CellStatus?): CellEventLog {
            val start = TensorBoardFiles.startSeconds(status) { System.currentTimeMillis() / 1000.0 }
            val file = TensorBoardFiles.eventFile(cellDir, start, status?.host)
            TensorBoardFiles.deleteEventFiles(cellDir)
            Files.createDirectories(file.parent)
            return CellEventLog(file, columns, start).apply {
                write(CellEvents.fileVersion(start))
                status?.let { write(CellEvents.sessionStart(it, start)) }
            }
        }
    }
}
