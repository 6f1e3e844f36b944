package org.ebmworkbench.reports.records

import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.exists
import kotlin.io.path.isRegularFile

/** Whether a cell's records hold a finished result that can be reused as it is ([verify]). */
sealed interface CellVerdict {
    /** Done or diverged, and every record that promises is intact. */
    data class Finished(val status: CellStatus) : CellVerdict

    /** Not finished (no status yet, pending, running, failed, interrupted): to be run. */
    data class Unfinished(val status: CellStatus?) : CellVerdict

    /** Finished by its status, but [reason] says which record is missing or broken: to be run again. */
    data class Damaged(val reason: String) : CellVerdict

    companion object {
        /**
         * A cell counts as finished only when status.json says done or diverged, summary.json parses, metrics.csv is
         * present and parses, and every checkpoint the status names exists with the size it records. A status.json
         * that exists but cannot be read is damage too.
         */
        fun verify(cellDir: Path): CellVerdict {
            val statusFile = cellDir.resolve(CellRecordWriter.STATUS_FILE)
            if (!statusFile.exists()) return Unfinished(null)
            val status = try {
                RecordJson.json.decodeFromString(CellStatus.serializer(), Files.readString(statusFile))
            } catch (e: Exception) {
                return Damaged("${CellRecordWriter.STATUS_FILE} unreadable (${firstLine(e)})")
            }
            if (status.state != CellState.DONE && status.state != CellState.DIVERGED) return Unfinished(status)
            unreadable(cellDir, CellRecordWriter.SUMMARY_FILE) {
                RecordJson.json.decodeFromString(CellSummary.serializer(), Files.readString(it))
            }?.let { return Damaged(it) }
            unreadable(cellDir, CellRecordWriter.METRICS_FILE) { MetricsTable.read(it) }?.let { return Damaged(it) }
            for ((name, size) in status.checkpoints) {
                val file = cellDir.resolve(name)
                if (!file.isRegularFile()) return Damaged("checkpoint $name missing")
                val actual = Files.size(file)
                if (actual != size) return Damaged("checkpoint $name has $actual bytes, the status records $size")
            }
            return Finished(status)
        }

        /** Null when [name] exists and [read] accepts it, else what is wrong with it. */
        private fun unreadable(cellDir: Path, name: String, read: (Path) -> Any): String? {
            val file = cellDir.resolve(name)
            if (!file.isRegularFile()) return "$name missing"
            return try {
                read(file)
                null
            } catch (e: Exception) {
                "$name unreadable (${firstLine(e)})"
            }
        }

        private fun firstLine(e: Exception) = e.message?.lineSequence()?.firstOrNull() ?: e.javaClass.simpleName
    }
}
