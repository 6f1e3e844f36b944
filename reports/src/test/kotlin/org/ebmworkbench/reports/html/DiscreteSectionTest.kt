package org.ebmworkbench.reports.html

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import org.ebmworkbench.reports.compare.Comparison
import org.ebmworkbench.reports.records.CellRecordWriter
import org.ebmworkbench.reports.records.CouplingMatrices
import org.ebmworkbench.reports.records.DataSample
import org.ebmworkbench.reports.records.DatasetInfo
import org.ebmworkbench.reports.records.Direction
import org.ebmworkbench.reports.records.ExperimentRecord
import org.ebmworkbench.reports.records.GridLayout
import org.ebmworkbench.reports.records.MetricInfo
import org.ebmworkbench.reports.records.MetricReference
import org.ebmworkbench.reports.records.RunRecords
import org.ebmworkbench.reports.records.SampleBox
import org.ebmworkbench.reports.records.SettingInfo
import org.ebmworkbench.reports.records.writeExperimentRecord
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import java.nio.file.Files
import java.nio.file.Path

private fun String.section(id: String) = substringAfter("<section id=\"$id\">").substringBefore("</section>")

private val LOG_RMSE = MetricInfo("log_rmse_J", Direction.LOWER, "log RMSE of J")

/** A 3 × 3 lattice-like J: σ on the ring neighbours. */
private fun ringCouplings(sigma: Double): List<Double> = List(9) { k ->
    val i = k / 3
    val j = k % 3
    if (i != j) sigma else 0.0
}

/** Two datasets (a Gray-coded toy and a lattice) × one setting, with the discrete artefacts the runner writes. */
private fun discreteRun(dir: Path, reference: MetricReference): Path {
    val layout = GridLayout(
        listOf(0L),
        listOf(DatasetInfo("gray_two_moons", "codes"), DatasetInfo("ising_n3_sigma0.2", "rows", references = mapOf("log_rmse_J" to reference))),
        listOf(SettingInfo("ed", mapOf("method" to "ed"), listOf(LOG_RMSE))),
    )
    writeExperimentRecord(dir, ExperimentRecord("discrete", null, listOf("g0", "i0"), "2025-01-01T00:00:00Z",
        buildJsonObject { put("name", JsonPrimitive("discrete")) }, layout))
    ReportFixtures.gridCell(dir, "g0", "discrete", "gray_two_moons", mapOf("method" to "ed"), 0, metrics = mapOf("log_rmse_J" to Double.NaN))
    ReportFixtures.gridCell(dir, "i0", "discrete", "ising_n3_sigma0.2", mapOf("method" to "ed"), 0, metrics = mapOf("log_rmse_J" to -2.5))
    val box = SampleBox.square(4.0)
    CellRecordWriter(dir.resolve("g0")).apply {
        writeDataSample(DataSample(ReportFixtures.gaussianSample(1, 300, 0.0, 0.0).points, box))
        val inside = ReportFixtures.gaussianSample(2, 250, 1.0, 0.0).points.map { p -> p.map { it.coerceIn(-3.9, 3.9) } }
        writeModelSamples(DataSample(inside + listOf(listOf(9.0, 0.0)), box))
    }
    CellRecordWriter(dir.resolve("i0")).writeCouplings(CouplingMatrices(3, ringCouplings(0.15), ringCouplings(0.2)))
    return dir
}

class DiscreteSectionTest : FunSpec({
    test("the new artefacts are read back equal; a damaged one is a problem, not an exception") {
        val dir = discreteRun(tempdir().toPath(), MetricReference(-1.5, "Ĵ = 0"))
        val run = RunRecords.readExperiment(dir)
        run.problems.shouldBeEmpty()
        val gray = run.cells.single { it.id == "g0" }
        gray.modelSamples!!.box shouldBe SampleBox(-4.0, 4.0, -4.0, 4.0)
        gray.modelSamples!!.points.size shouldBe 251
        gray.data!!.box shouldBe SampleBox.square(4.0)
        run.cells.single { it.id == "i0" }.couplings shouldBe CouplingMatrices(3, ringCouplings(0.15), ringCouplings(0.2))
        run.record!!.layout!!.datasets[1].references shouldBe mapOf("log_rmse_J" to MetricReference(-1.5, "Ĵ = 0"))
        // Non-finite couplings are written as null and read back as NaN.
        CellRecordWriter(dir.resolve("i0")).writeCouplings(CouplingMatrices(1, listOf(Double.NaN)))
        Files.readString(dir.resolve("i0/artefacts/couplings.json")) shouldNotContain "NaN"
        RunRecords.readExperiment(dir).cells.single { it.id == "i0" }.couplings!!.learned.single().isNaN() shouldBe true
        Files.writeString(dir.resolve("g0/artefacts/model_samples.json"), "{\"points\": [[1.0]]}")
        RunRecords.readExperiment(dir).problems.single() shouldContain "model_samples.json is unreadable"
    }

    test("the report draws decoded samples and couplings as heatmaps, listed in its contents") {
        val html = HtmlReport.render(RunRecords.readExperiment(discreteRun(tempdir().toPath(), MetricReference(-1.5, "Ĵ = 0"))), "now")
        val gray = html.section("gray-samples")
        gray shouldContain "<h2>Decoded Gray-code samples</h2>"
        gray shouldContain "alt=\"decoded data histogram of gray_two_moons\""
        gray shouldContain "alt=\"decoded model samples of ed on gray_two_moons\""
        gray shouldContain "251 decoded model samples" // one of them outside the recorded box
        gray shouldContain "over [-4.0000, 4.0000] × [-4.0000, 4.0000] (1 outside the box not shown)"
        val couplings = html.section("couplings")
        couplings shouldContain "alt=\"true J of ising_n3_sigma0.2\""
        couplings shouldContain "alt=\"learned J of ed on ising_n3_sigma0.2\""
        // One scale for learned and true J: the larger |value|, the true σ = 0.2.
        couplings shouldContain "ising_n3_sigma0.2: blue = −0.2000, white = 0, red = +0.2000"
        Regex("<img src=\"data:image/png;base64,").findAll(couplings).count() shouldBe 4
        for (id in listOf("comparison", "densities", "gray-samples", "couplings")) html shouldContain "<li><a href=\"#$id\">"
        html shouldNotContain "<script"
    }

    test("a reference declared by the dataset stands beside its metric's values, only on that dataset") {
        val dir = discreteRun(tempdir().toPath(), MetricReference(-1.8123, "Ĵ = 0"))
        val comparison = Comparison.of(RunRecords.readExperiment(dir))
        comparison.columns.map { it.dataset to it.reference?.value } shouldBe
            listOf("gray_two_moons" to null, "ising_n3_sigma0.2" to -1.8123)
        val table = HtmlReport.render(RunRecords.readExperiment(dir), "now").section("comparison")
        table shouldContain "<span class=\"reference\">Ĵ = 0: -1.8123</span>"
        table shouldContain "Ĵ = 0: …"
    }

    test("the diverging map is white at 0, blue below and red above, symmetric in brightness") {
        Diverging.rgb(0.0) shouldBe 0xf7f7f7
        Diverging.rgb(-1.0) shouldBe 0x053061
        Diverging.rgb(1.0) shouldBe 0x67001f
        (Diverging.rgb(-0.5) and 0xff) shouldBe maxOf(Diverging.rgb(-0.5) and 0xff, Diverging.rgb(-0.5) shr 16)
        couplingScale(listOf(listOf(0.1, -0.3), listOf(Double.NaN, 0.2))) shouldBe 0.3
    }
})
