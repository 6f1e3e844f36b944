package org.ebmworkbench.dsl.run

import org.ebmworkbench.dsl.spec.CellSpec
import org.ebmworkbench.dsl.spec.ExperimentSpec
import org.ebmworkbench.dsl.spec.SpecJson
import org.ebmworkbench.reports.records.CellRecordWriter
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.CellVerdict
import org.ebmworkbench.reports.records.ExperimentRecord
import org.ebmworkbench.reports.records.writeExperimentRecord
import org.ebmworkbench.reports.tensorboard.TensorBoardFiles
import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant

/**
 * Runs the cells of an experiment under `<runsDir>/<experiment>/<cell-id>/` with an [Executor]. A cell is reused only
 * when [CellVerdict.verify] finds it finished and intact: its id is a hash of its whole spec, so an unchanged cell is
 * never recomputed and a changed one gets a new directory. Cells that failed, were interrupted, were left `pending`
 * or `running` by a runner that died, or whose records are damaged are run again. Cells are claimed through
 * [scheduler] before they run, so a second runner on the same folder waits for the cells the first one holds and
 * reuses their results.
 */
class ExperimentRunner(
    private val runsDir: Path,
    private val executor: Executor,
    private val scheduler: ClaimingScheduler = ClaimingScheduler(),
) {

    /** Outcome of one cell: its status, and whether it was reused from an earlier run. */
    data class CellOutcome(val cellId: String, val status: CellStatus, val reused: Boolean)

    /** What a run will do: the cells it reuses, those it reruns because their records are damaged (why), the rest. */
    data class Plan(val finished: Map<String, CellStatus>, val damaged: Map<String, String>, val toRun: List<CellSpec>)

    fun experimentDir(spec: ExperimentSpec): Path = runsDir.resolve(spec.name)

    /** Looks at every cell's records, without changing anything. */
    fun plan(spec: ExperimentSpec): Plan {
        val dir = experimentDir(spec)
        val finished = LinkedHashMap<String, CellStatus>()
        val damaged = LinkedHashMap<String, String>()
        val toRun = mutableListOf<CellSpec>()
        for (cell in spec.cells()) {
            when (val verdict = CellVerdict.verify(dir.resolve(cell.id))) {
                is CellVerdict.Finished -> finished[cell.id] = verdict.status
                is CellVerdict.Damaged -> damaged[cell.id] = verdict.reason
                is CellVerdict.Unfinished -> Unit
            }
            if (cell.id !in finished) toRun += cell
        }
        return Plan(finished, damaged, toRun)
    }

    /** Runs what is not finished yet; returns an outcome for every cell that is finished or ran now. */
    fun run(
        spec: ExperimentSpec,
        listener: ExecutionListener = object : ExecutionListener {},
        plan: Plan = plan(spec),
    ): List<CellOutcome> {
        val dir = experimentDir(spec)
        val cells = spec.cells()
        writeExperimentRecord(dir, ExperimentRecord(
            name = spec.name, scriptPath = spec.scriptPath, cellIds = cells.map { it.id },
            createdAt = Instant.now().toString(),
            spec = SpecJson.json.encodeToJsonElement(ExperimentSpec.serializer(), spec),
            layout = spec.layout(),
            scriptSource = spec.scriptPath?.let { path -> runCatching { Files.readString(Path.of(path)) }.getOrNull() },
        ))
        val scriptDir = spec.scriptPath?.let { Path.of(it).toAbsolutePath().parent }
        val jobs = plan.toRun.map { CellJob(it, dir.resolve(it.id), scriptDir) }
        // A cell is taken (pending, stale records cleared) only once this runner holds its claim.
        val ran = scheduler.run(executor, jobs, listener, ::finishedStatus, prepare = ::takePending)
        return cells.mapNotNull { cell ->
            plan.finished[cell.id]?.let { CellOutcome(cell.id, it, reused = true) }
                ?: ran[cell.id]?.let { CellOutcome(cell.id, it.status, it.reused) }
        }
    }

    /** The status of a cell that is finished and intact ([CellVerdict.Finished]), else null. */
    fun finishedStatus(cellDir: Path): CellStatus? = (CellVerdict.verify(cellDir) as? CellVerdict.Finished)?.status

    /**
     * From the moment the runner takes a cell it has a status: `pending` (the cell's own JVM then writes `running`).
     * Whatever an earlier attempt left (a damaged summary, stale metrics or checkpoints) is cleared first, so the
     * folder never mixes two attempts.
     */
    private fun takePending(job: CellJob) {
        for (stale in STALE_RECORDS) job.dir.resolve(stale).toFile().deleteRecursively()
        val cell = job.spec
        CellRecordWriter(job.dir).apply {
            writeSpec(SpecJson.json.encodeToJsonElement(CellSpec.serializer(), cell))
            writeStatus(CellStatus(
                cellId = cell.id, experiment = cell.experiment, state = CellState.PENDING, seed = cell.seed,
                dataset = cell.dataset.label, method = cell.method, variant = cell.variant,
                updatedAt = Instant.now().toString(),
            ))
        }
    }

    private companion object {
        val STALE_RECORDS = listOf(
            CellRecordWriter.SUMMARY_FILE, CellRecordWriter.METRICS_FILE, CellRunner.CHECKPOINT_DIR, "artefacts",
            TensorBoardFiles.DIR,
        )
    }
}
