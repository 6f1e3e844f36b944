package org.ebmworkbench.dsl.tensorboard

import com.github.ajalt.clikt.core.ProgramResult
import com.github.ajalt.clikt.core.parse
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.serialization.json.JsonObject
import org.ebmworkbench.dsl.cli.ExportCommand
import org.ebmworkbench.reports.records.AtomicFiles
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.CellSummary
import org.ebmworkbench.reports.records.ExperimentRecord
import org.ebmworkbench.reports.records.RecordJson
import org.ebmworkbench.reports.records.writeExperimentRecord
import org.ebmworkbench.reports.tensorboard.CellEvents
import org.ebmworkbench.reports.tensorboard.TensorBoardFiles
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.nio.file.Files
import java.nio.file.Path

/** `ebm export --tensorboard` on records written by hand as an older workbench wrote them, and its errors. */
class ExportCommandTest : FunSpec({
    fun capture(block: () -> Unit): Pair<String, String> {
        val out = ByteArrayOutputStream()
        val err = ByteArrayOutputStream()
        val (o, e) = System.out to System.err
        System.setOut(PrintStream(out, true))
        System.setErr(PrintStream(err, true))
        try {
            block()
        } finally {
            System.setOut(o)
            System.setErr(e)
        }
        return out.toString() to err.toString()
    }

    fun export(dir: Path) = ExportCommand().parse(listOf("--tensorboard", dir.toString()))

    /** The error printed and the exit code of an export of [dir] that must fail. */
    fun failure(dir: Path): Pair<String, Int> {
        var code = 0
        val (_, err) = capture { code = shouldThrow<ProgramResult> { export(dir) }.statusCode }
        return err.trim() to code
    }

    fun experiment(cells: List<String>): Path {
        val dir = Files.createTempDirectory("runs").resolve("old")
        Files.createDirectories(dir)
        writeExperimentRecord(dir, ExperimentRecord("old", null, cells, "2026-01-01T00:00:00Z", JsonObject(emptyMap())))
        return dir
    }

    fun status(id: String, state: CellState) = CellStatus(
        cellId = id, experiment = "old", state = state, seed = 1, dataset = "two moons", method = "ed t=1",
        variant = mapOf("method" to "ed", "t" to "1"), startedAt = "2026-01-01T10:00:00Z", updatedAt = "2026-01-01T10:01:00Z",
        host = "node-7", nonFinite = mapOf("test_ll_is" to "-Infinity"),
    )

    fun writeCell(dir: Path, id: String, state: CellState, metrics: String?) {
        val cell = dir.resolve(id)
        AtomicFiles.writeText(cell.resolve("spec.json"), "{}")
        AtomicFiles.writeText(cell.resolve("status.json"), RecordJson.json.encodeToString(CellStatus.serializer(), status(id, state)))
        metrics?.let { AtomicFiles.writeText(cell.resolve("metrics.csv"), it) }
    }

    // An old run: NaN measured at step 20, test_ll_grid not measured at step 10, a cell that never started.
    val metrics = "step,wall_seconds,loss,test_ll_grid\n10,1.5,0.25,\n20,3.0,NaN,-2.5\n30,4.5,-Infinity,-2.25\n"

    test("an old experiment's cells get the event files their metrics.csv holds, NaN kept and empty fields left out") {
        val dir = experiment(listOf("a", "b"))
        writeCell(dir, "a", CellState.DONE, metrics)
        writeCell(dir, "b", CellState.PENDING, null)
        AtomicFiles.writeText(dir.resolve("a/summary.json"), RecordJson.json.encodeToString(CellSummary.serializer(), CellSummary(
            "a", "old", "two moons", "ed t=1", 1, mapOf("test_ll_grid" to -2.2, "test_ll_is" to Double.NEGATIVE_INFINITY), 30, 60.0,
        )))
        val (out, _) = capture { export(dir) }
        out shouldContain "b: skipped, no metrics.csv (pending)"
        out shouldContain "exported 1 cell(s)"
        TensorBoardFiles.eventFiles(dir.resolve("b")) shouldHaveSize 0
        val file = TensorBoardFiles.eventFiles(dir.resolve("a")).single()
        file.fileName.toString() shouldBe "events.out.tfevents.${1767261600}.node-7"
        val events = EventFileReading.events(file)
        val curves = EventFileReading.scalars(events) { !it.startsWith(CellEvents.FINAL_TAG_PREFIX) }
        curves shouldContainExactly EventFileReading.csvScalars(dir.resolve("a/metrics.csv"))
        curves.map { "${it.tag}@${it.step}" } shouldContainExactly
            listOf("loss@10", "loss@20", "test_ll_grid@20", "loss@30", "test_ll_grid@30")
        curves[1].value.isNaN() shouldBe true
        curves[3].value shouldBe Float.NEGATIVE_INFINITY
        events.single { it.step == 10L }.wallTime shouldBe 1767261600.0 + 1.5
        // summary.json stores −∞ as null; the status's reason brings it back.
        EventFileReading.scalars(events) { it.startsWith(CellEvents.FINAL_TAG_PREFIX) } shouldContainExactly listOf(
            EventFileReading.Scalar("final/test_ll_grid", 30, -2.2f),
            EventFileReading.Scalar("final/test_ll_is", 30, Float.NEGATIVE_INFINITY),
        )
    }

    test("exporting twice replaces the file instead of adding a second run") {
        val dir = experiment(listOf("a"))
        writeCell(dir, "a", CellState.INTERRUPTED, metrics)
        capture { export(dir) }
        val first = TensorBoardFiles.eventFiles(dir.resolve("a")).single()
        val bytes = Files.readAllBytes(first)
        capture { export(dir) }
        TensorBoardFiles.eventFiles(dir.resolve("a")).single() shouldBe first
        Files.readAllBytes(first).toList() shouldBe bytes.toList()
        // An interrupted cell has no final metrics.
        EventFileReading.scalars(EventFileReading.events(first)) { it.startsWith(CellEvents.FINAL_TAG_PREFIX) } shouldHaveSize 0
    }

    test("a folder that is not one experiment with cells is named, with what to give instead, and exit 1") {
        val runs = Files.createTempDirectory("runs")
        failure(runs) shouldBe ("error: $runs holds no experiment record (experiment.json); give the folder of one " +
            "experiment, e.g. runs/quickstart" to 1)
        val withCell = experiment(listOf("a"))
        writeCell(withCell, "a", CellState.DONE, metrics)
        failure(withCell.parent).first shouldContain "holds experiments (old), not cells; give one of them, e.g. ${withCell}"
        failure(withCell.resolve("a")).first shouldContain "is the folder of one cell; give its experiment folder"
        val empty = experiment(emptyList())
        failure(empty) shouldBe ("error: $empty has no cells (no subfolder with spec.json or status.json)" to 1)
    }

    test("an experiment whose cells have no metrics yet, or an unreadable metrics.csv, fails with exit 1") {
        val pending = experiment(listOf("a"))
        writeCell(pending, "a", CellState.PENDING, null)
        failure(pending).first shouldContain "no cell of $pending has metrics to export (1 cell(s), none with a metrics.csv)"
        val broken = experiment(listOf("a"))
        writeCell(broken, "a", CellState.DONE, "step,wall_seconds,loss\n10,1.0,abc\n")
        failure(broken) shouldBe ("error: cell a: metrics.csv is unreadable (line 2, column 'loss': 'abc' is not a number)" to 1)
    }

    test("a missing --tensorboard or a DIR that does not exist is a usage error") {
        capture { shouldThrow<com.github.ajalt.clikt.core.MissingOption> { ExportCommand().parse(emptyList()) } }
        capture {
            shouldThrow<com.github.ajalt.clikt.core.BadParameterValue> {
                ExportCommand().parse(listOf("--tensorboard", "/nonexistent/runs/x"))
            }
        }
    }
})
