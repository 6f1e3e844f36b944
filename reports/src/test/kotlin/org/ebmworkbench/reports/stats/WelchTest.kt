package org.ebmworkbench.reports.stats

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe

class WelchTest : FunSpec({
    // The two worked examples of Wikipedia's "Welch's t-test" article (section Examples), which reports
    // t = −2.46, ν ≈ 24.99, p = 0.021 and t = −1.57, ν ≈ 9.9, p = 0.149; the digits below are from
    // scipy.stats.ttest_ind(a, b, equal_var=False), scipy 1.17.1.
    val a1 = doubleArrayOf(27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4)
    val a2 = doubleArrayOf(27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4)
    val b1 = doubleArrayOf(17.2, 20.9, 22.6, 18.1, 21.7, 21.4, 23.5, 24.2, 14.7, 21.8)
    val b2 = doubleArrayOf(
        21.5, 22.8, 21.0, 23.0, 21.6, 23.6, 22.5, 20.7, 23.4, 21.8, 20.7, 21.7, 21.5, 22.5, 23.6, 21.5, 22.5, 23.5, 21.5, 21.8,
    )

    test("Wikipedia example 1: equal sizes, unequal variances") {
        val r = Welch.test(a1, a2).shouldNotBeNull()
        r.t shouldBe (-2.455356398286006 plusOrMinus 1e-12)
        r.df shouldBe (24.988529290231416 plusOrMinus 1e-10)
        r.pValue shouldBe (0.021378001462866992 plusOrMinus 1e-12)
    }

    test("Wikipedia example 2: unequal sizes") {
        val r = Welch.test(b1, b2).shouldNotBeNull()
        r.t shouldBe (-1.5654335235985037 plusOrMinus 1e-12)
        r.df shouldBe (9.904741248650831 plusOrMinus 1e-10)
        r.pValue shouldBe (0.14884169660532817 plusOrMinus 1e-12)
    }

    test("symmetric in its arguments up to the sign of t") {
        val ab = Welch.test(a1, a2)!!
        val ba = Welch.test(a2, a1)!!
        ba.t shouldBe (-ab.t plusOrMinus 1e-12)
        ba.pValue shouldBe (ab.pValue plusOrMinus 1e-15)
    }

    test("no test below two values; zero variances decide by the means") {
        Welch.test(doubleArrayOf(1.0), doubleArrayOf(1.0, 2.0)).shouldBeNull()
        Welch.test(doubleArrayOf(1.0, 1.0), doubleArrayOf(1.0, 1.0))!!.pValue shouldBe 1.0
        Welch.test(doubleArrayOf(1.0, 1.0), doubleArrayOf(2.0, 2.0))!!.pValue shouldBe 0.0
    }
})
