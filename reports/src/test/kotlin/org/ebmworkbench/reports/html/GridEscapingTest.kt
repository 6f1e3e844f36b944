package org.ebmworkbench.reports.html

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.ebmworkbench.reports.compare.Comparison
import org.ebmworkbench.reports.export.ComparisonExport
import org.ebmworkbench.reports.records.RunRecords
import javax.xml.parsers.DocumentBuilderFactory

private fun String.section(id: String) = substringAfter("<section id=\"$id\">").substringBefore("</section>")

class GridEscapingTest : FunSpec({
    val hostile = "<script>alert(1)</script>"
    val escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    val dir = GridFixtures.partialGrid(tempdir().toPath(), method = hostile, error = "E: $hostile")
    val run = RunRecords.readExperiment(dir)
    val html = HtmlReport.render(run, "2025-01-01")

    test("a hostile method label and error are escaped in the table, failure list, images, charts and specs") {
        html.contains("<script", ignoreCase = true) shouldBe false
        html.section("comparison") shouldContain "<th class=\"rowlabel\">$escaped t=1</th>"
        html.section("comparison") shouldContain "<h4>$escaped t=10 on checkerboard</h4>"
        html.section("comparison") shouldContain ": E: $escaped</li>"
        html.section("densities") shouldContain "alt=\"model density of $escaped t=1 on checkerboard\""
        html.section("metrics") shouldContain "failed: E: $escaped"
    }

    test("ablation and learning-curve legends are escaped inside well-formed SVG") {
        val ablation = html.section("ablations")
        ablation shouldContain ">$escaped</text>"
        val svgs = Regex("<svg .*?</svg>", RegexOption.DOT_MATCHES_ALL).findAll(html).map { it.value }.toList()
        val factory = DocumentBuilderFactory.newInstance().apply { isNamespaceAware = true }
        for (svg in svgs) factory.newDocumentBuilder().parse(svg.byteInputStream()).documentElement.localName shouldBe "svg"
        html.section("curves") shouldContain "$escaped t=10 (2 seeds)"
    }

    test("the CSV keeps the label raw; the JSON stays valid and round-trips it") {
        val comparison = Comparison.of(run)
        ComparisonExport.csv(comparison).lines()[1] shouldContain "$hostile t=1,checkerboard"
        val root = Json.parseToJsonElement(ComparisonExport.json(comparison, hostile)).jsonObject
        root["experiment"]!!.jsonPrimitive.content shouldBe hostile
        val rows = root["rows"]!!.jsonArray.map { it.jsonObject }
        rows.first()["method"]!!.jsonPrimitive.content shouldBe "$hostile t=1"
        val reasons = rows.flatMap { it["problems"]!!.jsonArray }.map { it.jsonObject["reason"]!!.jsonPrimitive.content }
        reasons shouldContainElement "E: $hostile"
        html shouldNotContain hostile
    }
})

private infix fun List<String>.shouldContainElement(s: String) = contains(s) shouldBe true
