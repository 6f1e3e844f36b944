package org.ebmworkbench.dsl.run.slurm

import org.ebmworkbench.dsl.run.CellClaims
import org.ebmworkbench.dsl.run.CellJob
import org.ebmworkbench.dsl.run.ClaimOwner
import org.ebmworkbench.dsl.run.ExecutionListener
import org.ebmworkbench.dsl.run.Executor
import org.ebmworkbench.dsl.run.LocalExecutor
import org.ebmworkbench.dsl.spec.CellSpec
import org.ebmworkbench.dsl.spec.SlurmOptions
import org.ebmworkbench.dsl.spec.SpecJson
import org.ebmworkbench.reports.records.AtomicFiles
import org.ebmworkbench.reports.records.CellRecordWriter
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.SlurmTask
import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter

/**
 * Runs a grid as one Slurm job array (`sbatch --array`): task `i` runs `ebm cell` on the `i`-th line of a manifest,
 * both under `<experiment>/slurm/<submission>/` on the shared filesystem. The array is submitted held, each cell's
 * status is set to `pending` with its job and task ids and its claim handed to its task, then the array is released.
 * The runner then polls `squeue` (and `sacct`) every [pollMillis] and each cell's exit marker, reporting starts and
 * ends to the listener as the local executor does; [SlurmOutcome] records how each task ended.
 *
 * With [detach] it returns right after submitting (statuses `pending`). [stop] (Ctrl-C) also only stops watching:
 * the tasks go on, and a later `ebm run` or `ebm status` picks them up.
 */
class SlurmExecutor(
    private val options: SlurmOptions,
    private val device: String,
    private val claims: CellClaims,
    private val slurm: SlurmCli = SlurmCli(),
    private val detach: Boolean = false,
    private val pollMillis: Long = 1000,
    private val cellCommand: List<String> = LocalExecutor.defaultCellCommand(),
    private val owner: ClaimOwner = ClaimOwner.thisProcess(),
) : Executor {
    @Volatile private var stopped = false

    /** The last array submitted, e.g. for a message after `--detach`; null before any. */
    @Volatile var lastJobId: String? = null
        private set

    override fun run(jobs: List<CellJob>, listener: ExecutionListener): List<CellStatus> {
        if (jobs.isEmpty() || stopped) return emptyList()
        val submission = submissionDir(jobs.first().dir.parent)
        val jobId = try {
            submit(jobs, submission)
        } catch (e: SlurmException) {
            return jobs.map { job -> failed(job, "could not submit to Slurm: ${e.message}").also { listener.cellFinished(job, it) } }
        }
        lastJobId = jobId
        val submittedAt = Instant.now().toString()
        val pending = jobs.mapIndexed { i, job ->
            val task = SlurmTask(jobId, i, state = "PENDING", submittedAt = submittedAt)
            pendingStatus(job, task).also {
                CellRecordWriter(job.dir).writeStatus(it)
                claims.transfer(job.dir, owner, taskOwner(task))
            }
        }
        slurm.release(jobId)
        return if (detach) pending else watch(jobs, jobId, listener)
    }

    /** Stops watching; the submitted tasks keep running under Slurm, so no cell is stopped (returns 0). */
    override fun stop(): Int {
        stopped = true
        return 0
    }

    /** Writes the specs, manifest and batch script into [submission] and submits the array held; its job id. */
    private fun submit(jobs: List<CellJob>, submission: Path): String {
        Files.createDirectories(submission)
        val specs = jobs.map { job ->
            Files.createDirectories(job.dir)
            Files.deleteIfExists(job.dir.resolve(SbatchScript.EXIT_MARKER))
            job.dir.resolve(CellRecordWriter.SPEC_FILE).toAbsolutePath().also {
                AtomicFiles.writeText(it, SpecJson.json.encodeToString(CellSpec.serializer(), job.spec))
            }
        }
        val manifest = submission.resolve(MANIFEST_FILE)
        AtomicFiles.writeText(manifest, specs.joinToString("\n", postfix = "\n"))
        val gpus = (options.gpusPerTask ?: 0) > 0
        val script = SbatchScript(
            jobName = "ebm-${jobs.first().spec.experiment}", taskCount = jobs.size, manifest = manifest.toAbsolutePath(),
            output = submission.toAbsolutePath().resolve("task-%a.out"), options = options, cellCommand = cellCommand,
            device = if (gpus && device == "auto") "gpu" else device, scriptDir = jobs.first().scriptDir,
        )
        val file = submission.resolve(SCRIPT_FILE)
        AtomicFiles.writeText(file, script.text())
        return slurm.submitHeld(file.toAbsolutePath())
    }

    /** Polls until every task has ended (or [stop]); the final statuses, in the order of [jobs]. */
    private fun watch(jobs: List<CellJob>, jobId: String, listener: ExecutionListener): List<CellStatus> {
        val ended = arrayOfNulls<CellStatus>(jobs.size)
        val started = BooleanArray(jobs.size)
        while (!stopped && ended.any { it == null }) {
            val tasks = slurm.tasks(jobId)
            for ((i, job) in jobs.withIndex()) {
                if (ended[i] != null) continue
                val task = tasks?.get(i)
                val marker = Files.exists(job.dir.resolve(SbatchScript.EXIT_MARKER))
                val gone = tasks != null && (task == null || !task.live)
                if (!started[i] && (marker || gone || task?.state == "RUNNING")) {
                    started[i] = true
                    listener.cellStarted(job)
                }
                if (marker || gone) {
                    ended[i] = SlurmOutcome.record(job.dir, task, arrayListed = !tasks.isNullOrEmpty()).also {
                        claims.release(job.dir, taskOwner(it.slurm ?: SlurmTask(jobId, i)))
                        listener.cellFinished(job, it)
                    }
                }
            }
            if (ended.any { it == null }) Thread.sleep(pollMillis)
        }
        return ended.filterNotNull()
    }

    private fun taskOwner(task: SlurmTask) = owner.copy(slurmJob = task.jobId)

    private fun pendingStatus(job: CellJob, task: SlurmTask) = CellStatus(
        cellId = job.spec.id, experiment = job.spec.experiment, state = CellState.PENDING, seed = job.spec.seed,
        dataset = job.spec.dataset.label, method = job.spec.method, variant = job.spec.variant,
        totalSteps = job.spec.training.steps?.toLong() ?: 0, updatedAt = task.submittedAt, slurm = task,
    )

    private fun failed(job: CellJob, reason: String): CellStatus {
        val status = pendingStatus(job, SlurmTask("?", -1)).copy(state = CellState.FAILED, error = reason, slurm = null,
            updatedAt = Instant.now().toString())
        Files.createDirectories(job.dir)
        CellRecordWriter(job.dir).writeStatus(status)
        return status
    }

    companion object {
        const val SLURM_DIR = "slurm"
        const val MANIFEST_FILE = "manifest.txt"
        const val SCRIPT_FILE = "job.sbatch"
        private val STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)

        /** `<experiment>/slurm/<UTC time>-<pid>`: one folder per submission, never reused. */
        fun submissionDir(experimentDir: Path): Path =
            experimentDir.resolve(SLURM_DIR).resolve("${STAMP.format(Instant.now())}-${ProcessHandle.current().pid()}-" +
                "${System.nanoTime() % 100_000}")
    }
}
