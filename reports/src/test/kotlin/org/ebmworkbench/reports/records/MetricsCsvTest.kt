package org.ebmworkbench.reports.records

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class MetricsCsvTest : FunSpec({
    test("empty fields, short rows, blank lines, CRLF and special values are tolerated") {
        val table = MetricsTable.parse("step,wall_seconds,a,b\r\n0,0.5,,1e-3\r\n\r\n10,1.0,NaN\n20, 2 ,-Infinity,Infinity\n")
        table.columns shouldBe listOf("step", "wall_seconds", "a", "b")
        table shouldBe MetricsTable(
            table.columns,
            listOf(
                doubleArrayOf(0.0, 0.5, Double.NaN, 0.001),
                doubleArrayOf(10.0, 1.0, Double.NaN, Double.NaN),
                doubleArrayOf(20.0, 2.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
            ),
        )
        table.metricColumns shouldBe listOf("a", "b")
        table.column("a")!!.toList().last() shouldBe Double.NEGATIVE_INFINITY
        table.column("zzz") shouldBe null
    }

    test("a non-number or an over-long row is an error naming the line") {
        shouldThrow<IllegalArgumentException> { MetricsTable.parse("step,wall_seconds\n0,abc\n") }.message shouldContain "line 2"
        shouldThrow<IllegalArgumentException> { MetricsTable.parse("step,wall_seconds\n0,1\n1,2,3\n") }.message shouldContain "line 3"
        shouldThrow<IllegalArgumentException> { MetricsTable.parse("\n\n") }
    }

    test("tables with different values are not equal") {
        val a = MetricsTable(listOf("step"), listOf(doubleArrayOf(1.0)))
        (a == MetricsTable(listOf("step"), listOf(doubleArrayOf(2.0)))) shouldBe false
        (a == MetricsTable(listOf("step"), listOf(doubleArrayOf(1.0)))) shouldBe true
    }
})
