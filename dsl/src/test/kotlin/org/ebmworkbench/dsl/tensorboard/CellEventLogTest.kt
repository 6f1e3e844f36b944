package org.ebmworkbench.dsl.tensorboard

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import org.ebmworkbench.reports.records.CellRecordWriter
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.CellSummary
import org.ebmworkbench.reports.tensorboard.CellEvents
import org.ebmworkbench.reports.tensorboard.TensorBoardFiles
import org.ebmworkbench.reports.tensorboard.proto.HParamsPluginData
import org.ebmworkbench.reports.tensorboard.proto.Status
import java.nio.file.Files

/** The event file follows CellRecordWriter: one file per attempt, rows as they arrive, ended by the last status. */
class CellEventLogTest : FunSpec({
    val running = CellStatus(cellId = "c", experiment = "e", state = CellState.RUNNING, seed = 2, dataset = "rings",
        method = "snl", startedAt = "2026-03-01T12:00:00.250Z", host = "h")

    fun endStatus(file: java.nio.file.Path): Status = EventFileReading.events(file).last().summary.valueList.single().let {
        it.tag shouldBe CellEvents.SESSION_END_TAG
        HParamsPluginData.parseFrom(it.metadata.pluginData.content).sessionEndInfo.status
    }

    test("a restarted cell's file holds only the attempt that finished, and rows arrive before the end") {
        val dir = Files.createTempDirectory("cell")
        val writer = CellRecordWriter(dir)
        writer.writeStatus(running)
        writer.startMetrics(listOf("loss", "acc"))
        writer.appendMetrics(5, 0.5, mapOf("loss" to 9.0))
        writer.appendMetrics(10, 1.0, mapOf("loss" to 8.0, "acc" to 0.1))
        writer.startMetrics(listOf("loss", "acc")) // the rerun starts from its first step, as metrics.csv does
        writer.appendMetrics(5, 0.25, mapOf("loss" to 7.0, "acc" to Double.NaN))
        val file = TensorBoardFiles.eventFiles(dir).single()
        // Already readable while the cell runs: version, settings, one row.
        EventFileReading.scalars(EventFileReading.events(file)) shouldContainExactly listOf(
            EventFileReading.Scalar("loss", 5, 7f), EventFileReading.Scalar("acc", 5, Float.NaN),
        )
        writer.writeSummary(CellSummary("c", "e", "rings", "snl", 2, mapOf("test_ll_grid" to -1.5), 5, 0.3))
        writer.writeStatus(running.copy(state = CellState.DONE, updatedAt = "2026-03-01T12:00:01Z"))
        writer.writeStatus(running.copy(state = CellState.DONE)) // a later status does not reopen the file
        val events = EventFileReading.events(file)
        EventFileReading.scalars(events) shouldContainExactly listOf(
            EventFileReading.Scalar("loss", 5, 7f), EventFileReading.Scalar("acc", 5, Float.NaN),
            EventFileReading.Scalar("final/test_ll_grid", 5, -1.5f),
        )
        endStatus(file) shouldBe Status.STATUS_SUCCESS
        events.last().wallTime shouldBe 1772366401.0
        events[2].wallTime shouldBe 1772366400.25 + 0.25
        EventFileReading.csvScalars(dir.resolve("metrics.csv")) shouldContainExactly EventFileReading.scalars(events) {
            !it.startsWith(CellEvents.FINAL_TAG_PREFIX)
        }
    }

    test("a failed cell ends its session as a failure, without final metrics") {
        val dir = Files.createTempDirectory("cell")
        val writer = CellRecordWriter(dir)
        writer.writeStatus(running)
        writer.startMetrics(listOf("loss"))
        writer.appendMetrics(1, 0.1, mapOf("loss" to 1.0))
        writer.writeStatus(running.copy(state = CellState.FAILED, error = "boom"))
        val file = TensorBoardFiles.eventFiles(dir).single()
        endStatus(file) shouldBe Status.STATUS_FAILURE
        EventFileReading.scalars(EventFileReading.events(file)) shouldContainExactly listOf(EventFileReading.Scalar("loss", 1, 1f))
    }
})
