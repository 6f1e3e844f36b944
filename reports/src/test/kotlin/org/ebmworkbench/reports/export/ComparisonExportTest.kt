package org.ebmworkbench.reports.export

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.double
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.ebmworkbench.reports.compare.Comparison
import org.ebmworkbench.reports.html.GridFixtures
import org.ebmworkbench.reports.html.HtmlReport
import org.ebmworkbench.reports.records.RunRecords
import java.nio.file.Files

class ComparisonExportTest : FunSpec({
    val dir = GridFixtures.partialGrid(tempdir().toPath())
    val comparison = Comparison.of(RunRecords.readExperiment(dir))

    test("CSV: a header and one row per (method, dataset, metric), numbers in full precision") {
        val lines = ComparisonExport.csv(comparison).split("\r\n").filter { it.isNotEmpty() }
        lines.first() shouldBe ComparisonExport.COLUMNS.joinToString(",")
        lines.size shouldBe 1 + 3 * 2 // 3 settings × 2 datasets × 1 metric
        val header = lines.first().split(",")
        fun row(method: String, dataset: String) = lines.drop(1).map { it.split(",") }
            .single { it[0] == method && it[1] == dataset }.let { header.zip(it).toMap() }
        row("snl", "checkerboard").let {
            it["metric"] shouldBe "test_ll_grid"; it["direction"] shouldBe "higher"; it["n"] shouldBe "3"
            it["mean"]!!.toDouble() shouldBe -3.5; it["std"]!!.toDouble() shouldBe (0.02 plusOrMinus 1e-12)
            it["ci_low"] shouldBe ""; it["best"] shouldBe "true"; it["indistinguishable"] shouldBe ""
            it["optimum"] shouldBe "-3.4657"
        }
        row("ed t=1", "checkerboard").let { it["diverged"] shouldBe "1"; it["indistinguishable"] shouldBe "true"; it["p_value"]!!.toDouble() shouldBe (0.1899 plusOrMinus 1e-4) }
        row("ed t=10", "checkerboard").let { it["failed"] shouldBe "1"; it["incomplete"] shouldBe "1"; it["std"] shouldBe "" }
        row("snl", "gaussians8").let { it["not_started"] shouldBe "3"; it["mean"] shouldBe ""; it["n"] shouldBe "0"; it["optimum"] shouldBe "" }
    }

    test("JSON: the same records with variants, reasons and the statistical protocol") {
        val root = Json.parseToJsonElement(ComparisonExport.json(comparison, "grid")).jsonObject
        root["experiment"]!!.jsonPrimitive.content shouldBe "grid"
        root["bootstrap"]!!.jsonObject["resamples"]!!.jsonPrimitive.int shouldBe 2000
        val rows = root["rows"]!!.jsonArray.map { it.jsonObject }
        rows.size shouldBe 6
        rows.first().keys.toList().take(ComparisonExport.COLUMNS.size) shouldContainExactly ComparisonExport.COLUMNS
        val t10 = rows.single { it["method"]!!.jsonPrimitive.content == "ed t=10" && it["dataset"]!!.jsonPrimitive.content == "checkerboard" }
        t10["variant"] shouldBe JsonObject(mapOf("method" to kotlinx.serialization.json.JsonPrimitive("ed"), "t" to kotlinx.serialization.json.JsonPrimitive("10")))
        t10["std"] shouldBe JsonNull
        t10["mean"]!!.jsonPrimitive.double shouldBe -3.55
        val problem = (t10["problems"] as JsonArray).single().jsonObject
        problem["state"]!!.jsonPrimitive.content shouldBe "failed"
        problem["reason"]!!.jsonPrimitive.content shouldBe "OutOfMemoryError: out of memory: boom"
        problem["cell"]!!.jsonPrimitive.content shouldBe "checkerboard-t10-s1"
    }

    test("HtmlReport.write puts both files beside report.html") {
        HtmlReport.write(dir)
        Files.readString(dir.resolve("comparison.csv")) shouldBe ComparisonExport.csv(comparison)
        Files.readString(dir.resolve("comparison.json")) shouldContain "\"layout\": \"long: one record per (method, dataset, metric)\""
        Files.list(dir).use { s -> s.filter { it.fileName.toString().endsWith(".tmp") }.count() } shouldBe 0L
    }
})
