package org.ebmworkbench.reports.html

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.string.shouldContain
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import org.ebmworkbench.reports.records.CellRecordWriter
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.ExperimentRecord
import org.ebmworkbench.reports.records.MachineInfo
import org.ebmworkbench.reports.records.RunRecords
import org.ebmworkbench.reports.records.writeExperimentRecord

/** The report's header says how it was made: script and its source, versions, device, machine and wall time. */
class ProvenanceSectionTest : FunSpec({
    test("versions, devices and machines are tallied over the cells; the wall time spans the grid") {
        val dir = tempdir().toPath()
        val source = "experiment(\"made\") {\n    datasets(checkerboard())\n}\n"
        writeExperimentRecord(dir, ExperimentRecord("made", "experiments/made.ebm.kts", listOf("a", "b"), "2026-01-01T00:00:00Z",
            buildJsonObject { put("name", JsonPrimitive("made")) }, scriptSource = source))
        val versions = mapOf("ebm-workbench" to "0.1.0-SNAPSHOT", "ebm-workbench-commit" to "0123456789ab", "djl" to "0.32.0",
            "pytorch" to "2.5.1", "java" to "17.0.9", "kotlin" to "2.2.21")
        fun cell(id: String, started: String, updated: String, device: String, wall: Double) = CellRecordWriter(dir.resolve(id))
            .writeStatus(CellStatus(id, "made", CellState.DONE, startedAt = started, updatedAt = updated, device = device,
                host = "box1", versions = versions, wallSeconds = wall, machine = MachineInfo(2, 4L shl 30, "Linux 6.1 (amd64)")))
        cell("a", "2026-01-01T00:00:00Z", "2026-01-01T00:01:10Z", "cpu()", 65.0)
        cell("b", "2026-01-01T00:01:00Z", "2026-01-01T00:02:30Z", "gpu(0)", 80.0)

        val section = HtmlReport.render(RunRecords.readExperiment(dir), "2026-01-01T00:03:00Z").substringAfter("<section id=\"provenance\">")
            .substringBefore("</section>")
        section shouldContain "experiments/made.ebm.kts"
        section shouldContain "0.1.0-SNAPSHOT, commit 0123456789ab"
        section shouldContain "DJL 0.32.0, PyTorch 2.5.1, Java 17.0.9, Kotlin 2.2.21"
        section shouldContain "cpu() (1 cell); gpu(0) (1 cell)"
        section shouldContain "box1: 2 cores, 4.0 GiB memory, Linux 6.1 (amd64)"
        section shouldContain "2 m 30 s from the first cell's start to the last cell's last update; 2 m 25 s of training"
        section shouldContain "<details><summary>Script source (3 lines)</summary><pre>experiment(&quot;made&quot;) {"
    }
})
