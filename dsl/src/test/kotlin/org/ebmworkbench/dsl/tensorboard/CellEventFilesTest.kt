package org.ebmworkbench.dsl.tensorboard

import ai.djl.Device
import com.github.ajalt.clikt.core.parse
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import org.ebmworkbench.dsl.cli.ExportCommand
import org.ebmworkbench.dsl.run.ExperimentRunner
import org.ebmworkbench.dsl.run.InProcessExecutor
import org.ebmworkbench.dsl.spec.buildExperiment
import org.ebmworkbench.dsl.spec.checkerboard
import org.ebmworkbench.dsl.spec.mlp
import org.ebmworkbench.dsl.spec.snl
import org.ebmworkbench.dsl.spec.testLogLikelihoodGrid
import org.ebmworkbench.reports.records.RunRecords
import org.ebmworkbench.reports.tensorboard.CellEvents
import org.ebmworkbench.reports.tensorboard.TensorBoardFiles
import org.ebmworkbench.reports.tensorboard.proto.Event
import org.ebmworkbench.reports.tensorboard.proto.HParamsPluginData
import org.ebmworkbench.reports.tensorboard.proto.Status
import java.nio.file.Files
import java.time.Instant

/**
 * A cell run by the real runner writes a TensorBoard event file beside its metrics.csv, and `ebm export --tensorboard`
 * rebuilds the same file from the records alone.
 */
class CellEventFilesTest : FunSpec({
    val spec = buildExperiment("tensorboard-test") {
        datasets(checkerboard(n = 1000, nTest = 500))
        seeds(3)
        energy = mlp(16, 16)
        method("snl") { vary("samples", 64) { n -> objective = snl(proposalSamples = n, biasInitSamples = 256) } }
        // Evaluations every 20 steps, logs every 10: test_ll_grid is empty in the rows at 10 and 30.
        train { steps = 40; batch = 64; evaluateEvery = 20; logEvery = 10 }
        metrics(testLogLikelihoodGrid(box = 5.0, resolution = 40))
    }
    val runs = Files.createTempDirectory("runs")
    val outcome = ExperimentRunner(runs, InProcessExecutor(Device.cpu())).run(spec).single()
    val experimentDir = runs.resolve("tensorboard-test")
    val cellDir = experimentDir.resolve(outcome.cellId)
    val cell = RunRecords.readExperiment(experimentDir).cells.single()
    val status = cell.status.shouldNotBeNull()
    val metricsCsv = cellDir.resolve("metrics.csv")

    fun hparamsData(event: Event): HParamsPluginData {
        val value = event.summary.valueList.single()
        value.metadata.pluginData.pluginName shouldBe CellEvents.HPARAMS_PLUGIN
        return HParamsPluginData.parseFrom(value.metadata.pluginData.content)
    }

    test("the cell's folder holds one event file, named for TensorBoard, framed record by record") {
        val files = TensorBoardFiles.eventFiles(cellDir)
        files shouldHaveSize 1
        files.single().fileName.toString() shouldStartWith "events.out.tfevents."
        val events = EventFileReading.events(files.single()) // checks every length and CRC
        events.first().fileVersion shouldBe "brain.Event:2"
    }

    test("every measured value of metrics.csv is a scalar at its step, and nothing else is") {
        val events = EventFileReading.events(TensorBoardFiles.eventFiles(cellDir).single())
        val curves = EventFileReading.scalars(events) { !it.startsWith(CellEvents.FINAL_TAG_PREFIX) }
        val expected = EventFileReading.csvScalars(metricsCsv)
        curves shouldContainExactly expected
        curves.filter { it.tag == "test_ll_grid" }.map { it.step } shouldContainExactly listOf(20L, 40L)
        curves.map { it.tag }.toSet() shouldBe cell.metrics!!.metricColumns.toSet()
    }

    test("wall times are the cell's start plus wall_seconds") {
        val start = Instant.parse(status.startedAt!!).let { it.epochSecond + it.nano / 1e9 }
        val wall = EventFileReading.csvWallSeconds(metricsCsv)
        val rows = EventFileReading.events(TensorBoardFiles.eventFiles(cellDir).single())
            .filter { e -> e.hasSummary() && e.summary.valueList.any { it.tag == "loss" } }
        rows.map { it.step } shouldContainExactly wall.keys.toList()
        rows.forEach { it.wallTime shouldBe ((start + wall.getValue(it.step)) plusOrMinus 1e-6) }
    }

    test("the HParams session holds the grid labels, dataset and seed; the final metrics and the end follow") {
        val events = EventFileReading.events(TensorBoardFiles.eventFiles(cellDir).single())
        val start = hparamsData(events[1]).sessionStartInfo
        start.hparamsMap.mapValues { (_, v) -> if (v.hasNumberValue()) v.numberValue else v.stringValue } shouldBe mapOf(
            "dataset" to status.dataset, "seed" to 3.0, "method" to "snl", "samples" to 64.0,
        )
        val final = EventFileReading.scalars(events) { it.startsWith(CellEvents.FINAL_TAG_PREFIX) }
        final shouldContainExactly listOf(EventFileReading.Scalar("final/test_ll_grid", cell.summary!!.finalStep,
            cell.summary!!.metrics.getValue("test_ll_grid").toFloat()))
        hparamsData(events.last()).sessionEndInfo.status shouldBe Status.STATUS_SUCCESS
    }

    test("export --tensorboard on the records without event files writes the same bytes the cell wrote") {
        val live = TensorBoardFiles.eventFiles(cellDir).single()
        val liveBytes = Files.readAllBytes(live)
        cellDir.resolve(TensorBoardFiles.DIR).toFile().deleteRecursively()
        ExportCommand().parse(listOf("--tensorboard", experimentDir.toString()))
        val exported = TensorBoardFiles.eventFiles(cellDir).single()
        exported shouldBe live
        Files.readAllBytes(exported).toList() shouldBe liveBytes.toList()
        EventFileReading.scalars(EventFileReading.events(exported)) { !it.startsWith(CellEvents.FINAL_TAG_PREFIX) } shouldContainExactly
            EventFileReading.csvScalars(metricsCsv)
    }
})
