package org.ebmworkbench.dsl.cli

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import org.ebmworkbench.reports.records.RunRecords
import java.nio.file.Files
import java.nio.file.Path

/**
 * `ebm run --watch` as a real process: it runs the grid, then on each save reruns only the cells whose spec changed;
 * a compile error is printed as file:line:col and the watch goes on; the report follows the script.
 */
class WatchTest : FunSpec({
    val dir = tempdir().toPath()
    val runs = dir.resolve("runs")
    val script = dir.resolve("watched.ebm.kts")
    val log = dir.resolve("watch.log")
    fun writeScript(t: String) = Files.writeString(script, """
        experiment("watched") {
            datasets(normal1d(n = 200, nTest = 100))
            energy = quadratic()
            train { steps = 20; batch = 32; evaluateEvery = 1_000_000 }
            metrics(testLogLikelihoodGrid(box = 6.0, resolution = 50, selfCheck = false))
            method("ed") { objective = energyDiscrepancy(t = $t) }
            method("snl") { objective = snl(proposalSamples = 16) }
        }
    """.trimIndent())

    /** The `(ran, reused)` counts of every round so far, from the runner's log. */
    fun rounds(): List<Pair<Int, Int>> = Regex("""(\d+) cell\(s\) ran here, (\d+) reused""").findAll(Files.readString(log))
        .map { it.groupValues[1].toInt() to it.groupValues[2].toInt() }.toList()

    fun waitings(): Int = Regex("watching .*watched\\.ebm\\.kts").findAll(Files.readString(log)).count()

    fun awaitWaitings(n: Int, process: Process) {
        val deadline = System.nanoTime() + 240_000_000_000L
        while (waitings() < n) {
            check(process.isAlive) { "ebm run --watch exited early; its log:\n${Files.readString(log)}" }
            check(System.nanoTime() < deadline) { "no round $n after 240 s; the log:\n${Files.readString(log)}" }
            Thread.sleep(200)
        }
    }

    test("start, edit one value, see one cell rerun, survive a compile error, stop") {
        writeScript("1.0")
        val process = startEbm(
            listOf("run", script.toString(), "--watch", "--out", runs.toString(), "--workers", "1", "--device", "cpu"),
            log, dir.resolve("cache"),
        )
        try {
            awaitWaitings(1, process)
            rounds() shouldBe listOf(2 to 0)

            writeScript("0.5")
            awaitWaitings(2, process)
            rounds() shouldBe listOf(2 to 0, 1 to 1)
            val run = RunRecords.readExperiment(runs.resolve("watched"))
            run.cells.size shouldBe 2
            run.retired.size shouldBe 1 // the t = 1 cell stays on disk but leaves the report
            val report = Files.readString(runs.resolve("watched").resolve("report.html"))
            report shouldContain "1 cell folder(s) beside it belong to earlier versions of the script"
            report shouldNotContain "http-equiv=\"refresh\"" // the grid has ended

            Files.writeString(script, Files.readString(script).replace("energy = quadratic()", "energy = quadratic("))
            awaitWaitings(3, process)
            Regex("""watched\.ebm\.kts:\d+:\d+: """).containsMatchIn(Files.readString(log)) shouldBe true
            rounds().size shouldBe 2

            writeScript("0.5")
            awaitWaitings(4, process)
            rounds().last() shouldBe (0 to 2)
        } finally {
            process.destroy()
            process.waitFor()
        }
    }
})
