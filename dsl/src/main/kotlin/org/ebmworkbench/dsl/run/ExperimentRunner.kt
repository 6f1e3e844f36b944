package org.ebmworkbench.dsl.run

import org.ebmworkbench.dsl.spec.ExperimentSpec
import org.ebmworkbench.dsl.spec.SpecJson
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.ExperimentRecord
import org.ebmworkbench.reports.records.RunRecords
import org.ebmworkbench.reports.records.writeExperimentRecord
import java.nio.file.Path
import java.time.Instant

/**
 * Runs the cells of an experiment under `<runsDir>/<experiment>/<cell-id>/` with an [Executor]. A cell whose status
 * says done or diverged is skipped: its id is a hash of its whole spec, so an unchanged cell is never recomputed and
 * a changed one gets a new directory. Cells that failed, were interrupted, or were left `running` by a runner that
 * died are run again. Cells are claimed through [scheduler] before they run, so a second runner on the same folder
 * waits for the cells the first one holds and reuses their results.
 */
class ExperimentRunner(
    private val runsDir: Path,
    private val executor: Executor,
    private val scheduler: ClaimingScheduler = ClaimingScheduler(),
) {

    /** Outcome of one cell: its status, and whether it was reused from an earlier run. */
    data class CellOutcome(val cellId: String, val status: CellStatus, val reused: Boolean)

    fun experimentDir(spec: ExperimentSpec): Path = runsDir.resolve(spec.name)

    /** Runs what is not finished yet; returns an outcome for every cell that is finished or ran now. */
    fun run(spec: ExperimentSpec, listener: ExecutionListener = object : ExecutionListener {}): List<CellOutcome> {
        val dir = experimentDir(spec)
        val cells = spec.cells()
        writeExperimentRecord(dir, ExperimentRecord(
            name = spec.name, scriptPath = spec.scriptPath, cellIds = cells.map { it.id },
            createdAt = Instant.now().toString(),
            spec = SpecJson.json.encodeToJsonElement(ExperimentSpec.serializer(), spec),
        ))
        val scriptDir = spec.scriptPath?.let { Path.of(it).toAbsolutePath().parent }
        val finished = cells.associate { it.id to finishedStatus(dir.resolve(it.id)) }
        val jobs = cells.filter { finished[it.id] == null }.map { CellJob(it, dir.resolve(it.id), scriptDir) }
        val ran = scheduler.run(executor, jobs, listener, ::finishedStatus)
        return cells.mapNotNull { cell ->
            finished[cell.id]?.let { CellOutcome(cell.id, it, reused = true) }
                ?: ran[cell.id]?.let { CellOutcome(cell.id, it.status, it.reused) }
        }
    }

    /** The status of a cell that needs no rerun (done or diverged), else null. */
    fun finishedStatus(cellDir: Path): CellStatus? =
        RunRecords.readStatus(cellDir)?.takeIf { it.state == CellState.DONE || it.state == CellState.DIVERGED }
}
