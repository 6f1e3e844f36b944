package org.ebmworkbench.reports.html

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import org.ebmworkbench.reports.records.RunRecords
import java.util.Base64
import javax.imageio.ImageIO

private fun String.count(sub: String): Int = windowed(sub.length).count { it == sub }

class ReportContentTest : FunSpec({
    val dir = tempdir().toPath()
    ReportFixtures.experiment(dir, "toy-density", listOf("c1", "c2", "c3"))
    ReportFixtures.doneCell(dir, "c1", "toy-density", "checkerboard", "snl", 0, -3.14159265)
    ReportFixtures.doneCell(dir, "c2", "toy-density", "checkerboard", "snl", 1, -3.2)
    ReportFixtures.doneCell(dir, "c3", "toy-density", "checkerboard", "nce", 0, -3.0, columns = listOf("loss", "ess"))
    val html = HtmlReport.render(RunRecords.readExperiment(dir), "2025-01-01T00:00:00Z")

    test("title and sections are present") {
        html shouldContain "<title>EBM Workbench report: toy-density</title>"
        html shouldContain "<h1>toy-density</h1>"
        listOf("Comparison", "Metrics", "Learning curves", "Learned densities", "Evaluation protocol", "Specification", "Environment", "Missing")
            .forEach { html shouldContain "<h2>$it</h2>" }
        html shouldContain "Nothing missing: all 3 cell(s) are done"
    }

    test("one inline svg per dataset and learning-curve column, with explicit size") {
        // columns on the checkerboard: loss, test_ll_grid (c1, c2) and ess (c3)
        html.count("<svg") shouldBe 3
        html.count("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"640\" height=\"360\"") shouldBe 3
        html shouldContain "snl (2 seeds)"
        html shouldContain "checkerboard/snl/1"
    }

    test("metrics table holds formatted values and the optimum; the comparison aggregates over seeds") {
        val metrics = html.substringAfter("<section id=\"metrics\">").substringBefore("</section>")
        metrics shouldContain "<th class=\"num\">test_ll_grid</th>"
        metrics shouldContain "<th class=\"num\">optimum</th>"
        metrics shouldContain ">-3.1416<"
        metrics shouldContain ">-3.2000<"
        metrics shouldContain ">-3.0000<"
        metrics shouldContain ">NaN<"
        metrics shouldContain ">12.5 s<"
        metrics shouldNotContain "-3.14159"
        val comparison = html.substringAfter("<section id=\"comparison\">").substringBefore("</section>")
        // snl: mean of -3.14159265 and -3.2 = -3.1708, sample std = |difference|/sqrt(2) = 0.0413
        comparison shouldContain "-3.1708 ± 0.0413 <span class=\"n\">(n=2)</span>"
        comparison shouldContain "— <span class=\"n\">(n=0 of 2)</span><br><span class=\"miss\">2 non-finite</span>"
        // An experiment.json without a grid layout declares no metric: nothing is ranked or bounded by an optimum.
        comparison shouldNotContain "optimum -3.0000"
        comparison shouldContain "No metric declares a direction, so none is ranked."
    }

    test("a heatmap grid (data row + one per setting), then each cell's density and histogram, as PNG data URIs") {
        html.count("<img src=\"data:image/png;base64,") shouldBe 3 + 6
        val uris = Regex("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").findAll(html).map { it.groupValues[1] }.toList()
        val model = ImageIO.read(Base64.getDecoder().decode(uris[0]).inputStream())
        model.width shouldBe ReportFixtures.RESOLUTION
        model.height shouldBe ReportFixtures.RESOLUTION
        html shouldContain "width=\"280\" height=\"280\""
        html shouldContain "histogram of 500 data points, 20×20 bins"
    }
})
