package org.ebmworkbench.dsl.cli

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.MetricsTable
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeInRange
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.RecordJson
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import kotlin.io.path.isDirectory
import kotlin.io.path.name

/**
 * `ebm run` as a real process: Ctrl-C (SIGTERM) records the running cell as interrupted; after kill -9 of the runner
 * its cell JVM stops by itself; a rerun keeps the finished cell and redoes the rest; an edit reruns only what changed.
 */
class ResumeTest : FunSpec({
    val dir = tempdir().toPath()
    val runs = dir.resolve("runs")
    val script = dir.resolve("resume.ebm.kts")
    fun writeScript(slowSteps: Int) = Files.writeString(script, """
        experiment("resume") {
            datasets(normal1d(n = 500, nTest = 200))
            energy = mlp(8)
            objective = energyDiscrepancy()
            train { steps = 20; batch = 32; evaluateEvery = 1_000_000; logEvery = 10 }
            metrics(testLogLikelihoodGrid(box = 6.0, resolution = 50, selfCheck = false))
            method("quick") { }
            method("slow") { train { steps = $slowSteps } }
        }
    """.trimIndent())

    fun ebmRun(): Process {
        val java = Path.of(System.getProperty("java.home"), "bin", "java").toString()
        val command = listOf(java, "-cp", System.getProperty("java.class.path"), "org.ebmworkbench.dsl.cli.MainKt",
            "run", script.toString(), "--out", runs.toString(), "--workers", "1", "--device", "cpu")
        return ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("runner.log").toFile())
            .also { it.environment()["EBM_CACHE_DIR"] = dir.resolve("cache").toString() }.start()
    }

    fun statuses(): Map<String, CellStatus> {
        val exp = runs.resolve("resume")
        if (!exp.isDirectory()) return emptyMap()
        return Files.list(exp).use { s -> s.filter { it.isDirectory() }.toList() }.mapNotNull { cell ->
            runCatching {
                RecordJson.json.decodeFromString(CellStatus.serializer(), Files.readString(cell.resolve("status.json")))
            }.getOrNull()?.let { cell.name to it }
        }.toMap()
    }

    fun status(method: String, steps: Long? = null) = statuses().values.firstOrNull {
        it.method == method && (steps == null || it.totalSteps == steps)
    }

    fun awaitUntil(what: String, seconds: Long, condition: () -> Boolean) {
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds)
        while (!condition()) {
            if (System.nanoTime() > deadline) {
                error("timed out waiting for $what; runner log:\n${Files.readString(dir.resolve("runner.log"))}")
            }
            Thread.sleep(200)
        }
    }

    test("Ctrl-C interrupts cleanly, kill -9 leaves no orphan, and reruns redo only what is unfinished or changed") {
        writeScript(slowSteps = 1_000_000)
        val first = ebmRun()
        awaitUntil("the slow cell to train", 180) { (status("slow")?.step ?: 0) >= 100 && status("slow")?.state == CellState.RUNNING }
        status("quick")!!.state shouldBe CellState.DONE
        val quickFinishedAt = status("quick")!!.updatedAt
        first.destroy() // SIGTERM, as Ctrl-C would
        first.waitFor(90, TimeUnit.SECONDS) shouldBe true
        status("slow")!!.state shouldBe CellState.INTERRUPTED
        // The last step it completed: at or after its last metrics row (logged every 10 steps), before the next.
        val slowDir = runs.resolve("resume").resolve(statuses().entries.first { it.value.method == "slow" }.key)
        val lastRow = MetricsTable.read(slowDir.resolve("metrics.csv")).column("step")!!.last().toLong()
        (status("slow")!!.step - lastRow) shouldBeInRange 0L..9L

        val second = ebmRun()
        awaitUntil("the slow cell to train again", 180) {
            status("slow")?.state == CellState.RUNNING && (status("slow")?.step ?: 0) >= 100
        }
        val cellJvms = second.toHandle().descendants().toList()
        cellJvms.size shouldNotBe 0
        second.destroyForcibly() // SIGKILL: no shutdown hook runs in the runner
        second.waitFor(30, TimeUnit.SECONDS) shouldBe true
        // The cell JVM sees its standard input close and stops, recording itself as interrupted.
        cellJvms.forEach { it.onExit().get(90, TimeUnit.SECONDS) }
        awaitUntil("the orphaned cell to record itself", 30) { status("slow")?.state == CellState.INTERRUPTED }
        status("slow")!!.step shouldBeGreaterThanOrEqual 100L
        status("quick")!!.updatedAt shouldBe quickFinishedAt

        writeScript(slowSteps = 40) // a changed value: a new cell for "slow", the same one for "quick"
        val third = ebmRun()
        third.waitFor(180, TimeUnit.SECONDS) shouldBe true
        third.exitValue() shouldBe 0
        status("quick")!!.updatedAt shouldBe quickFinishedAt
        status("slow", steps = 40)!!.state shouldBe CellState.DONE
        status("slow", steps = 1_000_000)!!.state shouldBe CellState.INTERRUPTED
        Files.exists(runs.resolve("resume").resolve("report.html")) shouldBe true
    }
})
