package org.ebmworkbench.engine.data

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import kotlin.math.exp
import kotlin.math.sqrt

/**
 * The regression toys draw from the conditional densities they state. The test is the probability integral
 * transform: u = F(y | x), F the CDF of the *stated* log-density integrated numerically over y, is U(0, 1) exactly
 * when the generator draws from that density, whatever x is. A KS test of 4000 such u at α = 0.001 (critical value
 * 1.95/√n = 0.031) has power: moving the targets by 0.05 (two-thirds of toy 1's narrowest width) or by 0.15 on
 * toy 2 (about 1 % of its target range) is rejected.
 */
class ConditionalToyDatasetsTest : FunSpec({
    val n = 4000
    val critical = 1.95 / sqrt(n.toDouble())

    /** F(y | x) by the midpoint rule on [cells] cells from the low end of the target range. */
    fun cdf(d: ConditionalToyDataset, x: Double, y: Double, cells: Int = 20_000): Double {
        val (lo, hi) = d.targetRange().let { it[0] to it[1] }
        val h = (hi - lo) / cells
        var sum = 0.0
        var t = lo + h / 2
        while (t < y && t < hi) {
            sum += exp(d.logConditionalDensity(x, t)) * h
            t += h
        }
        return sum
    }

    fun ksUniform(u: DoubleArray): Double {
        val s = u.sorted()
        return s.indices.maxOf { i -> maxOf((i + 1.0) / s.size - s[i], s[i] - i.toDouble() / s.size) }
    }

    val detectableShift = mapOf("regression_toy1" to 0.05, "regression_toy2" to 0.15)

    for (d in ConditionalToyDatasets.all()) {
        val shift = detectableShift.getValue(d.name())
        test("${d.name()}: targets pass a KS test against the stated p(y | x); a shift of $shift does not") {
            val rows = d.sample(n, 11L)
            val pit = DoubleArray(n) { cdf(d, rows.get(it, 0).toDouble(), rows.get(it, 1).toDouble()) }
            ksUniform(pit) shouldBeLessThan critical
            val shifted = DoubleArray(n) { cdf(d, rows.get(it, 0).toDouble(), rows.get(it, 1) + shift) }
            ksUniform(shifted) shouldBeGreaterThan critical
        }

        test("${d.name()}: p(y | x) integrates to 1 over the target range; x covers the input range uniformly") {
            val (lo, hi) = d.inputRange().let { it[0] to it[1] }
            for (x in listOf(0.1, 0.3, 0.5, 0.7, 0.9).map { lo + it * (hi - lo) }) withClue("x = $x") {
                cdf(d, x, Double.MAX_VALUE, 200_000) shouldBe (1.0 plusOrMinus 2e-3)
            }
            val xs = d.sample(n, 5L).column(0).map { (it - lo) / (hi - lo) }.toDoubleArray()
            ksUniform(xs) shouldBeLessThan critical
        }

        test("${d.name()}: the stated optimum is E log p(y | x) within 4 standard errors") {
            val rows = d.sample(200_000, 3L)
            val lp = DoubleArray(rows.size()) { d.logConditionalDensity(rows.get(it, 0).toDouble(), rows.get(it, 1).toDouble()) }
            val se = lp.sampleSd() / sqrt(lp.size.toDouble())
            lp.average() shouldBe (d.optimalLogLikelihood().asDouble plusOrMinus 4 * se + 0.001)
        }
    }

    test("the registry finds each toy by name and lists the known ones otherwise") {
        ConditionalToyDatasets.byName("regression_toy1").name() shouldBe "regression_toy1"
        val e = runCatching { ConditionalToyDatasets.byName("toy3") }.exceptionOrNull()!!
        (e.message!!.contains("regression_toy1, regression_toy2")) shouldBe true
    }
})
