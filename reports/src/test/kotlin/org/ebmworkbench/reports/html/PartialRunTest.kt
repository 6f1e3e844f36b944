package org.ebmworkbench.reports.html

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import org.ebmworkbench.reports.records.CellRecordWriter
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.RunRecords
import java.nio.file.Files

class PartialRunTest : FunSpec({
    test("a partial run yields problems, not exceptions, and still renders them") {
        val dir = tempdir().toPath()
        ReportFixtures.experiment(dir, "partial", listOf("a-running", "b-corrupt", "c-absent"))
        val spec = buildJsonObject { put("k", JsonPrimitive(1)) }
        CellRecordWriter(dir.resolve("a-running")).apply {
            writeSpec(spec)
            writeStatus(CellStatus("a-running", "partial", CellState.RUNNING, step = 5, totalSteps = 100))
        }
        CellRecordWriter(dir.resolve("b-corrupt")).apply {
            writeSpec(spec)
            writeStatus(CellStatus("b-corrupt", "partial", CellState.DONE, step = 100, totalSteps = 100))
        }
        Files.writeString(dir.resolve("b-corrupt/summary.json"), "{ \"cellId\": ")
        Files.createDirectories(dir.resolve("b-corrupt/artefacts"))
        Files.writeString(dir.resolve("b-corrupt/artefacts/density.json"), """{"xMin":0,"xMax":1,"yMin":0,"yMax":1,"resolution":2,"logDensity":[0]}""")
        Files.createDirectories(dir.resolve("not-a-cell"))
        Files.writeString(dir.resolve("not-a-cell/notes.txt"), "x")

        val run = RunRecords.readExperiment(dir)
        run.cells.map { it.id } shouldContainExactly listOf("a-running", "b-corrupt")
        run.cells[0].status!!.state shouldBe CellState.RUNNING
        run.cells[0].summary shouldBe null
        run.cells[1].summary shouldBe null
        run.cells[1].density shouldBe null
        run.problems shouldHaveSize 4
        run.problems.any { it.startsWith("cell b-corrupt: summary.json is unreadable") } shouldBe true
        run.problems.any { it.startsWith("cell b-corrupt: artefacts/density.json is unreadable") } shouldBe true
        run.problems shouldContain "cell b-corrupt: metrics.csv is missing"
        run.problems shouldContain "cell c-absent: listed in experiment.json but has no directory with spec.json or status.json"

        val html = HtmlReport.render(run, "2025-01-02T03:04:05Z")
        val missing = html.substringAfter("<section id=\"missing\">")
        missing shouldContain "cell b-corrupt: summary.json is unreadable"
        missing shouldContain "cell b-corrupt: metrics.csv is missing"
        missing shouldContain "cell c-absent: listed in experiment.json"
        missing shouldContain "a-running (a-running): running at step 5/100"
        html shouldContain "Generated 2025-01-02T03:04:05Z"
    }

    test("cell folders the experiment record does not list are retired: kept on disk, left out of the report") {
        val dir = tempdir().toPath()
        ReportFixtures.experiment(dir, "edited", listOf("now"))
        ReportFixtures.doneCell(dir, "now", "edited", "checkerboard", "snl", 0, -3.3)
        ReportFixtures.doneCell(dir, "before-the-edit", "edited", "checkerboard", "snl", 0, -9.9)

        val run = RunRecords.readExperiment(dir)
        run.cells.map { it.id } shouldContainExactly listOf("now")
        run.retired shouldContainExactly listOf("before-the-edit")
        val html = HtmlReport.render(run, "2025-01-02T03:04:05Z")
        html shouldContain "1 cell folder(s) beside it belong to earlier versions of the script and are left out."
        html.contains("-9.9000") shouldBe false
        Files.isDirectory(dir.resolve("before-the-edit")) shouldBe true
    }

    test("a live report reloads itself; a finished one does not") {
        val dir = tempdir().toPath()
        ReportFixtures.experiment(dir, "live", listOf("c"))
        ReportFixtures.doneCell(dir, "c", "live", "checkerboard", "snl", 0, -3.3)
        val run = RunRecords.readExperiment(dir)
        HtmlReport.render(run, "2025-01-02T03:04:05Z", refreshSeconds = 5) shouldContain "<meta http-equiv=\"refresh\" content=\"5\">"
        HtmlReport.render(run, "2025-01-02T03:04:05Z").contains("http-equiv") shouldBe false
    }

    test("a directory without any record renders with its problem listed") {
        val dir = tempdir().toPath()
        val run = RunRecords.readExperiment(dir)
        run.problems shouldContainExactly listOf("experiment: experiment.json is missing")
        HtmlReport.render(run, "now") shouldContain "experiment: experiment.json is missing"
        RunRecords.readExperiment(dir.resolve("nope")).problems.single() shouldContain "does not exist"
    }

    test("write puts report.html into the experiment directory") {
        val dir = tempdir().toPath()
        ReportFixtures.experiment(dir, "written", listOf("c1"))
        ReportFixtures.doneCell(dir, "c1", "written", "moons", "nce", 1, -2.0)
        val path = HtmlReport.write(dir)
        path shouldBe dir.resolve("report.html")
        Files.readString(path) shouldContain "<h1>written</h1>"
        Files.list(dir).use { s -> s.filter { it.fileName.toString().endsWith(".tmp") }.count() } shouldBe 0L
    }
})
