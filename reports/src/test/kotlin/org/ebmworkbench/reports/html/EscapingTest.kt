package org.ebmworkbench.reports.html

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import org.ebmworkbench.reports.records.CellRecordWriter
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.RunRecords
import javax.xml.parsers.DocumentBuilderFactory

class EscapingTest : FunSpec({
    val name = "<script>alert(1)</script>"
    val dataset = "d<b>&\""
    val error = "boom <b>&\" here"

    fun render(): String {
        val dir = tempdir().toPath()
        ReportFixtures.experiment(dir, name, listOf("ok", "bad"))
        ReportFixtures.doneCell(dir, "ok", name, dataset, "snl", 0, -3.0, columns = listOf("loss", "ll<i>"))
        CellRecordWriter(dir.resolve("bad")).writeStatus(
            CellStatus("bad", name, CellState.FAILED, error = error, warnings = listOf("warn <b>&\"")),
        )
        return HtmlReport.render(RunRecords.readExperiment(dir), "2025-01-01")
    }

    test("script-derived strings are escaped everywhere") {
        val html = render()
        html shouldContain "&lt;script&gt;alert(1)&lt;/script&gt;"
        html shouldNotContain "<script>alert(1)</script>"
        html.contains("<script", ignoreCase = true) shouldBe false
        html shouldNotContain "<b>"
        html shouldNotContain "<i>"
        html shouldContain "d&lt;b&gt;&amp;"
        html shouldContain "boom &lt;b&gt;&amp;"
        html shouldContain "warn &lt;b&gt;&amp;"
    }

    test("the only URLs are the SVG and XLink namespace declarations") {
        val html = render()
        val allowed = listOf("xmlns=\"http://www.w3.org/2000/svg\"", "xmlns:xlink=\"http://www.w3.org/1999/xlink\"")
        val urls = Regex("https?://", RegexOption.IGNORE_CASE).findAll(html).toList()
        urls.size shouldNotBe 0
        for (m in urls) {
            val ok = allowed.any { a ->
                val prefix = a.substringBefore("http")
                html.startsWith(a, m.range.first - prefix.length)
            }
            ok shouldBe true
        }
        html.contains("jfreesvg", ignoreCase = true) shouldBe false
    }

    test("chart labels are escaped inside well-formed SVG") {
        val html = render()
        val svgs = Regex("<svg .*?</svg>", RegexOption.DOT_MATCHES_ALL).findAll(html).map { it.value }.toList()
        svgs.size shouldBe 2
        val factory = DocumentBuilderFactory.newInstance().apply { isNamespaceAware = true }
        for (svg in svgs) {
            val doc = factory.newDocumentBuilder().parse(svg.byteInputStream())
            doc.documentElement.localName shouldBe "svg"
            doc.documentElement.getAttribute("width") shouldBe "640"
            doc.documentElement.getAttribute("height") shouldBe "360"
            doc.documentElement.textContent shouldContain "on $dataset"
            doc.documentElement.textContent shouldContain "snl (1 seed)"
        }
        svgs[1] shouldContain "ll&lt;i&gt;"
    }
})
