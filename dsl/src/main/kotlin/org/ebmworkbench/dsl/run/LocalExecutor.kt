package org.ebmworkbench.dsl.run

import org.ebmworkbench.dsl.spec.CellSpec
import org.ebmworkbench.dsl.spec.SpecJson
import org.ebmworkbench.reports.records.AtomicFiles
import org.ebmworkbench.reports.records.CellRecordWriter
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.RunRecords
import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/**
 * Runs every cell in its own JVM (`ebm cell <dir>/spec.json`), at most [workers] at a time. A JVM per cell keeps
 * DJL's one-gradient-collector rule and gives each cell its own native memory, so a cell that exhausts memory or
 * crashes takes nothing else down. Each cell's output goes to `<dir>/cell.log`.
 *
 * - Each JVM gets [threadsPerCell] PyTorch threads, by default cores / (cells that run at once, i.e. workers, or
 *   fewer when fewer cells are to run), so cells do not oversubscribe the cores and a lone cell uses all of them.
 * - The child reads its standard input and stops (recording `interrupted`) when it closes, which happens when this
 *   JVM dies for any reason, kill -9 included; so no orphan keeps running and a rerun redoes exactly those cells.
 * - A child that dies without recording an end (killed, out of native memory, JVM crash) is recorded as failed
 *   here, with its exit code and the last lines of its log; one stopped by [stop] as interrupted, with the last step
 *   its status recorded.
 *
 * @param cellCommand the command that runs `ebm cell`, without its arguments; by default this JVM's java and
 *   classpath with [childJvmOptions].
 */
class LocalExecutor(
    private val workers: Int,
    private val device: String,
    private val threadsPerCell: Int? = null,
    private val cellCommand: List<String> = defaultCellCommand(),
) : Executor {
    init {
        require(workers >= 1) { "--workers must be at least 1, was $workers" }
    }

    @Volatile private var stopped = false
    private val live = ConcurrentHashMap.newKeySet<Process>()

    override fun run(jobs: List<CellJob>, listener: ExecutionListener): List<CellStatus> {
        val threads = threadsPerCell
            ?: maxOf(1, Runtime.getRuntime().availableProcessors() / minOf(workers, maxOf(1, jobs.size)))
        val pool = Executors.newFixedThreadPool(workers) { r -> Thread(r, "ebm-cell-worker").apply { isDaemon = true } }
        try {
            val futures = jobs.map { job ->
                pool.submit<CellStatus?> {
                    if (stopped) null
                    else try {
                        runCell(job, threads, listener)
                    } catch (e: Exception) { // e.g. the JVM could not be started: this cell fails, the grid goes on
                        recordDeath(job, null, -1, job.dir.resolve(LOG_FILE), "could not run: $e").also {
                            listener.cellFinished(job, it)
                        }
                    }
                }
            }
            return futures.mapNotNull { it.get() }
        } finally {
            pool.shutdownNow()
        }
    }

    override fun stop(): Int {
        stopped = true
        val running = live.toList()
        running.forEach { it.destroy() } // SIGTERM: the child's shutdown hook records `interrupted`
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_GRACE_SECONDS)
        for (p in live) {
            val left = deadline - System.nanoTime()
            if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) p.destroyForcibly()
        }
        return running.size
    }

    private fun runCell(job: CellJob, threads: Int, listener: ExecutionListener): CellStatus {
        Files.createDirectories(job.dir)
        val specFile = job.dir.resolve(CellRecordWriter.SPEC_FILE)
        AtomicFiles.writeText(specFile, SpecJson.json.encodeToString(CellSpec.serializer(), job.spec))
        val command = cellCommand + listOf("cell", specFile.toString(), "--device", device, "--threads", "$threads",
            "--stop-on-stdin-eof") +
            (job.scriptDir?.let { listOf("--script-dir", it.toString()) } ?: emptyList())
        val log = job.dir.resolve(LOG_FILE)
        val builder = ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        builder.environment()["OMP_NUM_THREADS"] = threads.toString()
        builder.environment()["MKL_NUM_THREADS"] = threads.toString()
        listener.cellStarted(job)
        val process = builder.start()
        live += process
        val exit = try {
            process.waitFor()
        } finally {
            live -= process
        }
        val status = RunRecords.readStatus(job.dir)
        val ended = status != null && status.state != CellState.RUNNING && status.state != CellState.PENDING
        val final = if (ended) status!! else recordDeath(job, status, exit, log)
        listener.cellFinished(job, final)
        return final
    }

    /** The child ended without recording an end: record why, keeping what it had written. */
    private fun recordDeath(job: CellJob, last: CellStatus?, exit: Int, log: Path, reason: String? = null): CellStatus {
        val now = Instant.now().toString()
        val base = last ?: CellStatus(cellId = job.spec.id, experiment = job.spec.experiment, state = CellState.RUNNING,
            seed = job.spec.seed, dataset = job.spec.dataset.label, method = job.spec.method, variant = job.spec.variant)
        val status = if (stopped) base.copy(state = CellState.INTERRUPTED, updatedAt = now)
        else base.copy(state = CellState.FAILED, updatedAt = now, error = reason ?: deathReason(exit, log))
        Files.createDirectories(job.dir)
        CellRecordWriter(job.dir).writeStatus(status)
        return status
    }

    private fun deathReason(exit: Int, log: Path): String {
        val why = when (exit) {
            137 -> "killed by SIGKILL (the kernel's out-of-memory killer, or kill -9)"
            134 -> "aborted (SIGABRT; a native crash, see hs_err_pid*.log)"
            else -> "exited with code $exit"
        }
        val tail = runCatching { Files.readAllLines(log).takeLast(LOG_TAIL_LINES).joinToString("\n") }.getOrDefault("")
        return "the cell's JVM $why before recording an end; last lines of cell.log:\n$tail"
    }

    companion object {
        const val LOG_FILE = "cell.log"
        private const val STOP_GRACE_SECONDS = 30L
        private const val LOG_TAIL_LINES = 20

        /**
         * Java options of each cell's JVM: `$EBM_CELL_JAVA_OPTS`, else a 2 GiB heap (the tensors live off-heap); plus
         * the launcher's class-data sharing archive for cells (system property `ebm.cellArchive`), when it exists.
         */
        fun childJvmOptions(): List<String> {
            val options = System.getenv("EBM_CELL_JAVA_OPTS")?.split(' ')?.filter { it.isNotBlank() } ?: listOf("-Xmx2g")
            val archive = System.getProperty("ebm.cellArchive")?.takeIf { Files.isRegularFile(Path.of(it)) }
                ?: return options
            return options + listOf("-XX:SharedArchiveFile=$archive", "-Xlog:cds=off", "-Xlog:cds+dynamic=off")
        }

        /** This JVM's java binary and classpath running the `ebm` main class. */
        fun defaultCellCommand(): List<String> {
            val java = Path.of(System.getProperty("java.home"), "bin", "java").toString()
            return listOf(java) + childJvmOptions() + listOf("-Dai.djl.offline=true", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "org.ebmworkbench.dsl.cli.MainKt")
        }
    }
}
