package org.ebmworkbench.dsl.cli

import io.kotest.assertions.fail
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.core.test.Enabled
import io.kotest.core.test.TestCase
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.RunRecords
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.time.Instant
import java.util.Locale
import kotlin.io.path.name
import kotlin.time.Duration.Companion.minutes

/**
 * A 6-cell `--smoke` grid through a real single-node Slurm (`.ci/slurm-up`): submitted detached as one array, a
 * queued task cancelled with `scancel` and recorded as cancelled by `ebm status`, then resumed by `ebm run`, which
 * waits for the live tasks, reruns only the cancelled cell, and leaves records whose comparison table is the local
 * executor's, byte for byte. Skipped, with the reason printed, only when the daemons cannot start (a failure with
 * `EBM_REQUIRE_SLURM=1`, as in CI); the batch script itself is checked against a golden file in SbatchScriptTest.
 */
class SlurmExecutorTest : FunSpec({
    val availability: (TestCase) -> Enabled = { test ->
        when {
            SlurmCluster.conf != null || SlurmCluster.required -> Enabled.enabled
            else -> {
                println("SKIPPED Slurm test '${test.name.testName}': ${SlurmCluster.problem} " +
                    "(set ${SlurmCluster.REQUIRE_ENV}=1 to make this a failure)")
                Enabled.disabled(SlurmCluster.problem ?: "no Slurm")
            }
        }
    }

    test("a 6-cell grid through Slurm: records, a cancelled task recorded and rerun, the local executor's table")
        .config(enabledOrReasonIf = availability, timeout = 12.minutes) {
            val conf = SlurmCluster.conf ?: fail("${SlurmCluster.REQUIRE_ENV}=1 but ${SlurmCluster.problem}")
            val env = mapOf("SLURM_CONF" to conf.toString())
            val dir = tempdir().toPath()
            val script = dir.resolve("grid.ebm.kts")
            Files.writeString(script, GRID)
            val cache = dir.resolve("cache")
            fun ebm(name: String, vararg args: String): Pair<Int, Path> {
                val log = dir.resolve("$name.log")
                return awaitExit(startEbm(args.toList(), log, cache, env), log, 400) to log
            }
            val slurmRuns = dir.resolve("slurm-runs")
            val experiment = slurmRuns.resolve("grid6")
            val slurmArgs = arrayOf("run", script.toString(), "--smoke", "--device", "cpu", "--out", slurmRuns.toString(),
                "--executor", "slurm", "--poll", "0.5")
            ebm("check", "check", script.toString()).first shouldBe 0 // compiled once, outside the timings

            val (detachExit, detachLog) = ebm("detach", *slurmArgs, "--detach")
            withClue(Files.readString(detachLog)) { detachExit shouldBe 0 }
            val queued = cellStatuses(experiment)
            queued.size shouldBe 6
            val jobId = queued.values.map { it.slurm.shouldNotBeNull().arrayJobId }.distinct().single()
            queued.values.map { it.slurm!!.taskId }.toSet() shouldBe (0..5).toSet()
            queued.values.forEach { it.state shouldBe CellState.PENDING }
            // The last task waits behind the others (the node has fewer cores than the grid has cells): cancel it.
            val victim = queued.values.single { it.slurm!!.taskId == 5 }
            run("scancel", "${jobId}_5", env = env)

            val (statusExit, statusLog) = ebm("status", "status", experiment.toString())
            statusExit shouldBe 0
            val cancelled = RunRecords.readStatus(experiment.resolve(victim.cellId)).shouldNotBeNull()
            withClue(Files.readString(statusLog)) {
                cancelled.state shouldBe CellState.INTERRUPTED
                cancelled.slurm!!.state shouldBe "CANCELLED"
                cancelled.error.shouldNotBeNull() shouldContain "Slurm task ${jobId}_5 ended as CANCELLED"
                Files.readString(statusLog) shouldContain "slurm ${jobId}_5 CANCELLED"
            }

            val (resumeExit, resumeLog) = ebm("resume", *slurmArgs)
            withClue(Files.readString(resumeLog)) {
                resumeExit shouldBe 0
                ranAndReused(resumeLog) shouldBe (1 to 5) // the cancelled cell rerun; the five live tasks waited for
            }
            ebm("status-after", "status", experiment.toString()).first shouldBe 0 // records any task that ended since
            val finished = cellStatuses(experiment)
            finished.values.forEach { s ->
                withClue(s.cellId) {
                    s.state shouldBe CellState.DONE
                    val task = s.slurm.shouldNotBeNull()
                    task.state shouldBe "COMPLETED"
                    task.taskStartedAt shouldNotBe null // written by the task itself, carried through its running status
                    Files.exists(experiment.resolve(s.cellId).resolve("summary.json")) shouldBe true
                    Files.exists(experiment.resolve(s.cellId).resolve("metrics.csv")) shouldBe true
                }
            }
            finished.getValue(victim.cellId).slurm!!.arrayJobId shouldNotBe jobId // resubmitted in a new array
            finished.filterKeys { it != victim.cellId }.values.map { it.slurm!!.arrayJobId }.toSet() shouldBe setOf(jobId)
            RunRecords.readExperiment(experiment).problems shouldBe emptyList()
            Files.list(experiment.resolve("slurm")).use { it.count() } shouldBe 2L // two submissions, one manifest each

            // The same grid again, watched from submission to end, for the timings.
            val attachedRuns = dir.resolve("slurm-attached")
            val slurmStart = Instant.now()
            val (attachedExit, attachedLog) = ebm("attached", "run", script.toString(), "--smoke", "--device", "cpu",
                "--out", attachedRuns.toString(), "--executor", "slurm", "--poll", "0.5")
            val slurmSeconds = Duration.between(slurmStart, Instant.now()).toMillis() / 1000.0
            withClue(Files.readString(attachedLog)) { attachedExit shouldBe 0 }
            val attached = cellStatuses(attachedRuns.resolve("grid6"))
            attached.values.map { it.state }.toSet() shouldBe setOf(CellState.DONE)

            val localRuns = dir.resolve("local-runs")
            val localStart = Instant.now()
            val (localExit, localLog) = ebm("local", "run", script.toString(), "--smoke", "--device", "cpu",
                "--out", localRuns.toString())
            val localSeconds = Duration.between(localStart, Instant.now()).toMillis() / 1000.0
            withClue(Files.readString(localLog)) { localExit shouldBe 0 }
            Files.readString(experiment.resolve("comparison.csv")) shouldBe
                Files.readString(localRuns.resolve("grid6").resolve("comparison.csv"))
            Files.readString(attachedRuns.resolve("grid6").resolve("comparison.csv")) shouldBe
                Files.readString(localRuns.resolve("grid6").resolve("comparison.csv"))
            cellStatuses(localRuns.resolve("grid6")).keys shouldContainAll finished.keys

            println(overheadReport(attachedRuns.resolve("grid6"), attached.values, slurmSeconds, localSeconds))
        }
})

private val GRID = """
    experiment("grid6") {
        datasets(gaussians8(n = 500, nTest = 200), twoMoons(n = 500, nTest = 200))
        energy = mlp(8)
        train { steps = 40; batch = 32; evaluateEvery = 20; logEvery = 10 }
        metrics(testLogLikelihoodGrid(resolution = 30))
        method("ed") { objective = energyDiscrepancy() }
        method("nce") { objective = nce() }
        method("snl") { objective = snl() }
        slurm { time = "00:10:00"; memory = "1G"; cpusPerTask = 1 }
    }
""".trimIndent()

private fun cellStatuses(experiment: Path): Map<String, CellStatus> =
    Files.list(experiment).use { s -> s.filter { Files.isDirectory(it) && it.name != "slurm" }.toList() }
        .mapNotNull { RunRecords.readStatus(it) }.associateBy { it.cellId }

private fun run(vararg command: String, env: Map<String, String>) {
    val p = ProcessBuilder(*command).redirectErrorStream(true).also { it.environment().putAll(env) }.start()
    val out = p.inputStream.bufferedReader().readText()
    check(p.waitFor() == 0) { "${command.joinToString(" ")} failed: $out" }
}

/**
 * The scheduler's share of each cell, from its status: submission to the task's first line, and the cell's last
 * record to the runner seeing it. Tasks beyond the node's cores also waited for a core: for those, `core->start` is
 * the time from the k-th task end (its exit marker's time) to the start of the (cores + k)-th task.
 */
private fun overheadReport(experiment: Path, statuses: Collection<CellStatus>, slurmSeconds: Double, localSeconds: Double): String {
    fun seconds(from: Instant?, to: Instant?) =
        if (from == null || to == null) Double.NaN else Duration.between(from, to).toMillis() / 1000.0
    fun instant(s: String?) = s?.let { Instant.parse(it) }
    val cores = Runtime.getRuntime().availableProcessors()
    val ends = statuses.map { Files.getLastModifiedTime(experiment.resolve(it.cellId).resolve("slurm-exit")).toInstant() }.sorted()
    val byStart = statuses.sortedBy { it.slurm!!.taskStartedAt }
    val rows = byStart.withIndex().joinToString("\n") { (i, s) ->
        val t = s.slurm!!
        val coreFree = if (i >= cores) seconds(ends[i - cores], instant(t.taskStartedAt)) else Double.NaN // NaN: a core was free
        String.format(Locale.ROOT, "  %-32s task %-6s submit->start %5.2f s  core->start %5.2f s  end->seen %5.2f s  train %5.2f s",
            s.cellId, t.jobId, seconds(instant(t.submittedAt), instant(t.taskStartedAt)), coreFree,
            seconds(instant(s.updatedAt), instant(t.endSeenAt)), s.wallSeconds)
    }
    return String.format(Locale.ROOT, "6-cell grid through Slurm: %.1f s; with the local executor: %.1f s (both `ebm run` wall time)\n%s",
        slurmSeconds, localSeconds, rows)
}
