package org.ebmworkbench.reports.html

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import org.ebmworkbench.reports.records.RunRecords

private fun String.section(id: String) = substringAfter("<section id=\"$id\">").substringBefore("</section>")

class Curve1dSectionTest : FunSpec({
    test("per 1-D dataset, each setting's learned −log p(x) against the true one (target T8)") {
        val dir = tempdir().toPath()
        val variants = listOf(mapOf("method" to "snl"), mapOf("method" to "nce"))
        val ids = variants.indices.flatMap { i -> (0..1).map { seed -> "c$i-$seed" } }
        ReportFixtures.gridExperiment(dir, "normal", ids, listOf("normal_1d"), listOf(0, 1), variants)
        variants.forEachIndexed { i, v ->
            for (seed in 0L..1L) ReportFixtures.gridCell(
                dir, "c$i-$seed", "normal", "normal_1d", v, seed, metrics = mapOf("test_ll_grid" to -1.42),
                optimum = -1.4189, curve = ReportFixtures.normalCurve(0.01 * (i + seed)),
            )
        }
        val html = HtmlReport.render(RunRecords.readExperiment(dir), "2025-01-01")
        val section = html.section("energies-1d")
        section shouldContain "<h2>Learned energies (1-D)</h2>"
        section shouldContain "normal_1d: learned −log p(x) of 2 setting(s) against the true −log p(x) (dashed)."
        val svg = Regex("<svg .*?</svg>", RegexOption.DOT_MATCHES_ALL).find(section)!!.value
        svg shouldContain "snl (2 seeds)"
        svg shouldContain "nce (2 seeds)"
        svg shouldContain "true −log p(x)"
        svg shouldContain "stroke-dasharray"
        html shouldNotContain "<section id=\"densities\"><h2>Learned densities</h2><table"
    }

    test("no 1-D curve, no section") {
        val dir = GridFixtures.partialGrid(tempdir().toPath())
        HtmlReport.render(RunRecords.readExperiment(dir), "now").contains("id=\"energies-1d\"") shouldBe false
    }
})
