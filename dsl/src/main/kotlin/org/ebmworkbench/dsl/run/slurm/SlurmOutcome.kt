package org.ebmworkbench.dsl.run.slurm

import org.ebmworkbench.reports.records.CellRecordWriter
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.RunRecords
import org.ebmworkbench.reports.records.SlurmTask
import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant
import kotlin.io.path.name

/**
 * Records how a cell's Slurm task ended, combining what the cell wrote itself (its status, its exit marker) with
 * Slurm's word on the task. Used by the runner that polls, by `ebm status`, and when a later runner finds a cell
 * whose task is gone.
 *
 * - The cell recorded an end (done, diverged, failed): kept, with Slurm's state added.
 * - Slurm stopped it (`CANCELLED`, `PREEMPTED`): `interrupted`, so a rerun redoes it; the error quotes Slurm.
 * - Slurm killed it (`TIMEOUT`, `NODE_FAIL`, `OUT_OF_MEMORY`, `BOOT_FAIL`, `DEADLINE`): `failed`, quoting Slurm.
 * - The task ended without the cell recording an end: `failed`, with the exit marker and the tail of `cell.log`.
 * - A queued task that vanished while the rest of its array is still listed was cancelled before it started: a
 *   pending array element cancelled with `scancel` leaves no record at all (and without accounting nothing else
 *   remembers it), so it is recorded as `CANCELLED`, saying that this was inferred.
 */
object SlurmOutcome {
    private val STOPPED = setOf("CANCELLED", "PREEMPTED")
    private const val LOG_TAIL_LINES = 20
    private const val DROPPED_REASON = "left the queue before starting while its array is still listed: cancelled " +
        "while pending (Slurm keeps no record of such a task without accounting)"

    /**
     * Writes and returns the final status of [cellDir], whose task Slurm reports as [task] (null: not listed);
     * [arrayListed]: Slurm still lists other tasks of the same array.
     */
    fun record(cellDir: Path, task: TaskState?, arrayListed: Boolean = false): CellStatus {
        val last = RunRecords.readStatus(cellDir)
            ?: CellStatus(cellId = cellDir.name, experiment = cellDir.parent.name, state = CellState.PENDING)
        val exit = runCatching { Files.readString(cellDir.resolve(SbatchScript.EXIT_MARKER)).trim().toInt() }.getOrNull()
        val dropped = task == null && exit == null && arrayListed && last.state == CellState.PENDING
        // A task still listed as running (or completing) whose JVM has written its exit marker has ended: the marker says how.
        val ended = task?.takeUnless { it.live && exit != null }?.state?.substringBefore(' ')
        val slurmState = ended ?: exit?.let { if (it == 0) "COMPLETED" else "FAILED" } ?: task?.state
            ?: if (dropped) "CANCELLED" else null
        val reason = task?.reason ?: if (dropped) DROPPED_REASON else null
        val seen = (last.slurm ?: SlurmTask(arrayJobId = "?", taskId = -1))
            .copy(state = slurmState, reason = reason, endSeenAt = Instant.now().toString())
        val words = "Slurm task ${seen.jobId} ended as ${slurmState ?: "unknown (Slurm no longer lists it)"}" +
            (reason?.let { " (reason: $it)" } ?: "")
        val final = when {
            last.state in setOf(CellState.DONE, CellState.DIVERGED, CellState.FAILED) -> last
            slurmState in STOPPED -> last.copy(state = CellState.INTERRUPTED, error = words)
            slurmState != null && slurmState !in setOf("COMPLETED", "FAILED") ->
                last.copy(state = CellState.FAILED, error = words)
            last.state == CellState.INTERRUPTED -> last
            else -> last.copy(state = CellState.FAILED,
                error = "$words${exit?.let { ", exit code $it" } ?: ""}, before the cell recorded an end; " +
                    "last lines of cell.log:\n${logTail(cellDir)}")
        }.copy(slurm = seen, updatedAt = last.updatedAt ?: Instant.now().toString())
        CellRecordWriter(cellDir).writeStatus(final)
        return final
    }

    /** Whether [status] is that of a cell submitted to Slurm whose end has not been recorded yet. */
    fun isOpen(status: CellStatus?): Boolean = status?.slurm != null && status.slurm?.endSeenAt == null

    private fun logTail(cellDir: Path): String = runCatching {
        Files.readAllLines(cellDir.resolve("cell.log")).takeLast(LOG_TAIL_LINES).joinToString("\n")
    }.getOrDefault("(no cell.log)")
}
