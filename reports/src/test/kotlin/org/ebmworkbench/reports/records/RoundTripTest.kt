package org.ebmworkbench.reports.records

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import java.nio.file.Files

class RoundTripTest : FunSpec({
    val spec = buildJsonObject { put("objective", JsonPrimitive("snl")); put("t", JsonPrimitive(1.0)) }
    val status = CellStatus(
        "c1", "toy", CellState.DIVERGED, step = 150, totalSteps = 1000, error = "loss is NaN", divergedAtStep = 150,
        startedAt = "2025-01-01T00:00:00Z", updatedAt = "2025-01-01T00:01:00Z", wallSeconds = 60.5, seed = 7,
        device = "cpu", host = "h", gitCommit = "abc123", versions = mapOf("djl" to "0.32.0"), warnings = listOf("w1"),
    )
    val summary = CellSummary(
        "c1", "toy", "checkerboard", "snl", 7, mapOf("test_ll_grid" to -3.5, "test_ll_is" to Double.NaN, "mse" to Double.POSITIVE_INFINITY),
        150, 60.5, optimalLogLikelihood = -3.2,
    )
    val density = DensityGrid(-1.0, 1.0, -2.0, 2.0, 2, listOf(0.0, -1.0, Double.NEGATIVE_INFINITY, 0.25))
    val data = DataSample(listOf(listOf(0.5, -0.5), listOf(1.0, 2.0)))

    test("everything the writer writes is read back equal") {
        val dir = tempdir().toPath()
        val record = ExperimentRecord("toy", null, listOf("c1"), "2025-01-01T00:00:00Z", spec)
        writeExperimentRecord(dir, record)
        val w = CellRecordWriter(dir.resolve("c1"))
        w.writeSpec(spec)
        w.writeStatus(status)
        w.writeSummary(summary)
        w.writeDensity(density)
        w.writeDataSample(data)
        w.startMetrics(listOf("loss", "ess"))
        w.appendMetrics(0, 0.5, mapOf("loss" to Double.NaN))
        w.appendMetrics(100, 1.25, mapOf("loss" to 1.5, "ess" to 0.25))

        Files.readString(dir.resolve("c1/metrics.csv")) shouldBe "step,wall_seconds,loss,ess\n0,0.5,NaN,\n100,1.25,1.5,0.25\n"
        Files.readString(dir.resolve("c1/status.json")) shouldContain "\"state\": \"diverged\""
        // Strict JSON: non-finite values are written as null (and read back as NaN).
        for (f in listOf("c1/summary.json", "c1/artefacts/density.json")) {
            val text = Files.readString(dir.resolve(f))
            text shouldContain "null"
            text shouldNotContain "NaN"
            text shouldNotContain "Infinity"
        }

        val run = RunRecords.readExperiment(dir)
        run.problems.shouldBeEmpty()
        run.record shouldBe record
        run.cells.size shouldBe 1
        val cell = run.cells.single()
        cell.id shouldBe "c1"
        cell.spec shouldBe spec
        cell.status shouldBe status
        cell.summary shouldBe summary.copy(metrics = summary.metrics.mapValues { if (it.value.isFinite()) it.value else Double.NaN })
        cell.density shouldBe density.copy(logDensity = density.logDensity.map { if (it.isFinite()) it else Double.NaN })
        cell.data shouldBe data
        cell.metrics shouldBe MetricsTable(
            listOf("step", "wall_seconds", "loss", "ess"),
            listOf(doubleArrayOf(0.0, 0.5, Double.NaN, Double.NaN), doubleArrayOf(100.0, 1.25, 1.5, 0.25)),
        )
    }

    test("metric names must be started and valid") {
        val w = CellRecordWriter(tempdir().toPath())
        shouldThrow<IllegalStateException> { w.appendMetrics(0, 0.0, emptyMap()) }
        shouldThrow<IllegalArgumentException> { w.startMetrics(listOf("a,b")) }
        shouldThrow<IllegalArgumentException> { w.startMetrics(listOf("step")) }
        w.startMetrics(listOf("loss"))
        shouldThrow<IllegalArgumentException> { w.appendMetrics(0, 0.0, mapOf("los" to 1.0)) }.message shouldContain "los"
    }

    test("a density grid of the wrong size is rejected") {
        shouldThrow<IllegalArgumentException> { DensityGrid(0.0, 1.0, 0.0, 1.0, 3, List(8) { 0.0 }) }
    }
})
