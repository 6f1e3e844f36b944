package org.ebmworkbench.dsl.cli

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.shouldBe
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.RunRecords
import java.nio.file.Files
import kotlin.time.Duration.Companion.minutes

/**
 * Two `ebm run` of one script into one `--out`, started a second apart: the cells are claimed, so each is trained
 * by exactly one runner and the other waits for it and reuses its result (before claims, both trained both).
 */
class ConcurrentRunTest : FunSpec({
    test("two concurrent runners into one folder train each cell once and the second reuses the first's results")
        .config(timeout = 8.minutes) {
            val dir = tempdir().toPath()
            val script = dir.resolve("twice.ebm.kts")
            Files.writeString(script, """
                experiment("twice") {
                    datasets(normal1d(n = 500, nTest = 200))
                    energy = mlp(8)
                    objective = energyDiscrepancy()
                    train { steps = 1500; batch = 32; evaluateEvery = 1_000_000; logEvery = 100 }
                    metrics(testLogLikelihoodGrid(box = 6.0, resolution = 50, selfCheck = false))
                    method("a") { }
                    method("b") { train { steps = 1600 } }
                }
            """.trimIndent())
            val runs = dir.resolve("runs")
            val args = listOf("run", script.toString(), "--out", runs.toString(), "--workers", "1", "--device", "cpu")
            val logs = listOf(dir.resolve("first.log"), dir.resolve("second.log"))
            // Compile once first, so that the two runners start their grids about a second apart, not a compile apart.
            awaitExit(startEbm(listOf("check", script.toString()), dir.resolve("check.log"), dir.resolve("cache")),
                dir.resolve("check.log"), 300) shouldBe 0
            val first = startEbm(args, logs[0], dir.resolve("cache"))
            Thread.sleep(1000)
            val second = startEbm(args, logs[1], dir.resolve("cache"))
            val exits = listOf(awaitExit(first, logs[0], 420), awaitExit(second, logs[1], 420))
            val counts = logs.map { ranAndReused(it) }
            withClue("runner logs:\n${logs.joinToString("\n----\n") { Files.readString(it) }}") {
                exits shouldBe listOf(0, 0)
                counts.sumOf { it.first } shouldBe 2 // every cell trained exactly once, by one of them
                counts.sumOf { it.second } shouldBe 2 // and reused by the other
            }
            val experiment = RunRecords.readExperiment(runs.resolve("twice"))
            experiment.problems shouldBe emptyList()
            experiment.cells.map { it.status?.state } shouldBe listOf(CellState.DONE, CellState.DONE)
            experiment.cells.forEach { Files.exists(it.dir.resolve("claim.json")) shouldBe false }
        }
})
