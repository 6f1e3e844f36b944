package org.ebmworkbench.reports.compare

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import org.ebmworkbench.reports.export.ComparisonExport
import org.ebmworkbench.reports.html.HtmlReport
import org.ebmworkbench.reports.html.ReportFixtures
import org.ebmworkbench.reports.records.RunRecords
import org.ebmworkbench.reports.records.WarningRecord
import java.nio.file.Path

private const val OPTIMUM = -2.838

/**
 * The funnel case: `snl`'s three seeds all warn that the box misses mass, and their mean lies above the optimum by
 * more than its standard error; `nce` lies below the optimum with one warned seed of three; `cd` is clean.
 */
private fun funnel(dir: Path): Path {
    val values = mapOf(
        "snl" to listOf(-2.792, -2.80, -2.81),
        "nce" to listOf(-2.90, -2.95, -2.92),
        "cd" to listOf(-3.10, -3.15, -3.05),
    )
    val ids = values.keys.flatMap { m -> (0..2).map { "$m-$it" } }
    ReportFixtures.gridExperiment(dir, "funnel", ids, listOf("funnel"), listOf(0, 1, 2), values.keys.map { mapOf("method" to it) }, optimum = OPTIMUM)
    fun box(seed: Int) = WarningRecord("test_ll_grid", "box misses mass", "test_ll_grid: seed $seed has 3.4% of its test points outside")
    for ((m, vs) in values) vs.forEachIndexed { s, v ->
        val warned = m == "snl" || (m == "nce" && s == 1)
        // A warning on another metric must not mark this one.
        val warnings = if (warned) listOf(box(s)) else listOf(WarningRecord("mmd", "too few samples", "mmd: …"))
        ReportFixtures.gridCell(dir, "$m-$s", "funnel", "funnel", mapOf("method" to m), s.toLong(),
            metrics = mapOf("test_ll_grid" to v), optimum = OPTIMUM, metricWarnings = warnings)
    }
    return dir
}

class WarningMarksTest : FunSpec({
    val run = RunRecords.readExperiment(funnel(tempdir().toPath()))
    val c = Comparison.of(run)
    fun entry(method: String) = c.entry(c.rows.single { it.label == method }, 0)

    test("each entry counts the seeds in its mean that carry a warning on its metric") {
        entry("snl").marks.single().label shouldBe "⚠ 3/3 seeds: box misses mass"
        entry("snl").marks.single().texts.size shouldBe 3
        entry("nce").marks.single().label shouldBe "⚠ 1/3 seeds: box misses mass"
        entry("cd").marks.shouldBeEmpty()
    }

    test("a mean above the optimum by more than its standard error is impossible, with the likely cause") {
        // snl: mean −2.8007, std 0.00907, SE 0.00524: 0.0373 above −2.838.
        entry("snl").impossible.shouldNotBeNull().let {
            it shouldStartWith "impossible: the mean lies 0.0373 above the optimum -2.8380"
            it shouldContain "likely cause: box misses mass"
        }
        entry("nce").impossible.shouldBeNull()
        entry("cd").impossible.shouldBeNull()
    }

    test("the starred best entry carries its marks in the table, and the texts are listed below it") {
        entry("snl").best shouldBe true
        val html = HtmlReport.render(run, "2026-01-01T00:00:00Z")
        val table = html.substringAfter("<table class=\"comparison\">").substringBefore("</table>")
        val best = table.substringAfter("<td class=\"num best\">").substringBefore("</td>")
        best shouldContain "★"
        best shouldContain "⚠ 3/3 seeds: box misses mass"
        best shouldContain "⚠ impossible: above the optimum"
        val notes = html.substringAfter("Warnings on the numbers").substringBefore("</section>")
        notes shouldContain "test_ll_grid: seed 2 has 3.4% of its test points outside"
        notes shouldContain "likely cause: box misses mass"
    }

    test("the CSV and JSON exports carry the marks") {
        val csv = ComparisonExport.csv(c).lines()
        val snl = csv.single { it.startsWith("snl,") }
        snl shouldContain "⚠ 3/3 seeds: box misses mass; impossible: the mean lies 0.0373 above"
        csv.single { it.startsWith("cd,") }.substringAfterLast(',') shouldBe ""
        ComparisonExport.json(c, "funnel") shouldContain "\"warning_texts\""
    }
})
