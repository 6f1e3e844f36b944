package org.ebmworkbench.reports.html

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import org.ebmworkbench.reports.records.RunRecords

private fun String.section(id: String) = substringAfter("<section id=\"$id\">").substringBefore("</section>")

class ComparisonReportTest : FunSpec({
    val html = HtmlReport.render(RunRecords.readExperiment(GridFixtures.partialGrid(tempdir().toPath())), "2025-01-01")
    val table = html.section("comparison")

    test("a partial grid renders: sections in order, no old aggregate table") {
        listOf("comparison", "curves", "densities", "ablations", "protocol", "metrics", "missing").map { html.indexOf("<section id=\"$it\">") }
            .zipWithNext().forEach { (a, b) -> (a in 0 until b) shouldBe true }
        html shouldNotContain "Over seeds"
    }

    test("the table: datasets as column groups, optimum in the header, mean ± std (n of expected)") {
        table shouldContain "<th class=\"dataset\" colspan=\"1\">checkerboard</th>"
        table shouldContain "optimum -3.4657"
        table shouldContain "test_ll_grid ↑"
        table shouldContain "<th class=\"rowlabel\">ed t=10</th>"
        table shouldContain "-3.5000 ± 0.0200 <span class=\"n\">(n=3)</span>"
        table shouldContain "-3.6500 ± 0.0707 <span class=\"n\">(n=2 of 3)</span>"
        table shouldContain "-3.5500 <span class=\"n\">(n=1 of 3)</span>"
    }

    test("best and indistinguishable marks, with the legend") {
        table shouldContain "<td class=\"num best\">-3.5000"
        table shouldContain "★"
        table shouldContain "Welch's two-sided t-test"
        table shouldContain "<td class=\"num tie\" title=\"Welch's test against the best: t = -2.9231, df = 1.1079, p = 0.190\">-3.6500"
        table shouldContain "≈"
    }

    test("diverged and failed seeds link to their reasons; unfinished and not started are counted") {
        table shouldContain "<a href=\"#fail-r0-d0\" class=\"bad\">1 diverged</a>"
        table shouldContain "<a href=\"#fail-r1-d0\" class=\"bad\">1 failed</a>"
        table shouldContain "<div class=\"failures\" id=\"fail-r1-d0\"><h4>ed t=10 on checkerboard</h4>"
        table shouldContain "(checkerboard-t10-s1)</span>: OutOfMemoryError: out of memory: boom"
        table shouldContain "diverged at step 40: non-finite loss at step 40"
        table shouldContain "1 unfinished"
        table shouldContain "3 not started"
    }

    test("the grid summary says what is missing, in the table and the Missing section") {
        val summary = "Grid from experiment.json: 2 dataset(s) × 3 setting(s) × 3 seed(s) = 18 cell(s). " +
            "Cells: 6 done, 1 diverged, 1 failed, 1 running, 1 pending, 9 not started. 1 cell(s) name no dataset or " +
            "setting and are left out of the table: legacy."
        table shouldContain summary
        html.section("missing") shouldContain summary
        html.section("missing") shouldContain "cell gaussians8-snl-s2: listed in experiment.json but has no directory"
    }

    test("the protocol states metric parameters, test sets and seeds") {
        val protocol = html.section("protocol")
        protocol shouldContain "Seeds: 0, 1, 2 (3 per setting and dataset"
        protocol shouldContain "quadrature on a 300² grid over [−6, 6]²"
        protocol shouldContain "all settings"
        protocol shouldContain "5000 points drawn from the generator"
    }

    test("heatmap grid: settings × datasets, first seed, with a data row") {
        val densities = html.section("densities")
        densities shouldContain "<table class=\"density-grid\">"
        densities shouldContain "<th class=\"rowlabel\">data</th>"
        densities shouldContain "alt=\"model density of ed t=1 on checkerboard\""
        densities shouldContain "seed 0"
        densities shouldContain "<summary>Every cell's density and data (6)</summary>"
    }

    test("learning curves per dataset, one band per setting; ablation over t") {
        html.section("curves") shouldContain "loss on checkerboard: 3 setting(s), mean ± std over seeds."
        html.section("ablations") shouldContain "test_ll_grid on checkerboard against t: 1 line(s)"
    }
})
