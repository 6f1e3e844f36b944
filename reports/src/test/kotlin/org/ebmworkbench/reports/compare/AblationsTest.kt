package org.ebmworkbench.reports.compare

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import org.ebmworkbench.reports.html.ReportFixtures
import org.ebmworkbench.reports.records.RunRecords

class AblationsTest : FunSpec({
    test("numeric axes other than method; the line label drops the varied parameter") {
        val rows = listOf(
            Row("ed t=1 m=4 s=a", mapOf("method" to "ed", "t" to "1", "m" to "4", "s" to "a")),
            Row("ed t=0.01 m=4 s=b", mapOf("method" to "ed", "t" to "0.01", "m" to "4", "s" to "b")),
            Row("ed t=1 m=4 s=c", mapOf("method" to "ed", "t" to "1", "m" to "4", "s" to "c")),
        )
        Ablations.numericAxes(rows) shouldContainExactly listOf("t") // m takes one value, s is not numeric
        Ablations.lineLabel(rows[0], "t") shouldBe "ed m=4 s=a"
        Ablations.lineLabel(Row("odd label", mapOf("method" to "x", "t" to "2", "w" to "0")), "t") shouldBe "x w=0"
    }

    test("one line per remaining setting, points sorted by the parameter, log axis beyond two decades") {
        val dir = tempdir().toPath()
        val variants = listOf("0.01", "1", "10").flatMap { t -> listOf("1", "4").map { m -> mapOf("method" to "ed", "t" to t, "m" to m) } }
        ReportFixtures.gridExperiment(dir, "abl", variants.indices.map { "c$it" }, listOf("moons"), listOf(0), variants)
        variants.forEachIndexed { i, v ->
            val ll = -3.0 - v.getValue("t").toDouble() / 10 - v.getValue("m").toDouble() / 100
            ReportFixtures.gridCell(dir, "c$i", "abl", "moons", v, 0, metrics = mapOf("test_ll_grid" to ll))
        }
        val plots = Ablations.plots(Comparison.of(RunRecords.readExperiment(dir)))
        plots.map { it.axis } shouldContainExactly listOf("t", "m")
        val t = plots.first { it.axis == "t" }
        t.logX shouldBe true
        t.lines.map { it.label } shouldContainExactly listOf("ed m=1", "ed m=4")
        t.lines[0].points.map { it.x } shouldContainExactly listOf(0.01, 1.0, 10.0)
        t.lines[0].points.last().entry.stats!!.mean shouldBe -3.0 - 1.0 - 0.01
        val m = plots.first { it.axis == "m" }
        m.logX shouldBe false
        m.lines.map { it.label } shouldContainExactly listOf("ed t=0.01", "ed t=1", "ed t=10")
    }
})
