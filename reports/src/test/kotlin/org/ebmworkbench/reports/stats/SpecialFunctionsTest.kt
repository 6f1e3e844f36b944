package org.ebmworkbench.reports.stats

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import kotlin.math.PI
import kotlin.math.asin
import kotlin.math.atan
import kotlin.math.ln
import kotlin.math.pow
import kotlin.math.sqrt

class SpecialFunctionsTest : FunSpec({
    test("lnGamma at integers, half-integers and below 1/2") {
        SpecialFunctions.lnGamma(1.0) shouldBe (0.0 plusOrMinus 1e-14)
        SpecialFunctions.lnGamma(5.0) shouldBe (ln(24.0) plusOrMinus 1e-13)
        SpecialFunctions.lnGamma(0.5) shouldBe (0.5 * ln(PI) plusOrMinus 1e-13)
        SpecialFunctions.lnGamma(171.0) shouldBe ((1..170).sumOf { ln(it.toDouble()) } plusOrMinus 1e-9)
        SpecialFunctions.lnGamma(0.1) shouldBe (2.252712651734206 plusOrMinus 1e-12) // ln Γ(0.1) from Python math.lgamma
    }

    test("incomplete beta against closed forms") {
        for (x in listOf(0.01, 0.1, 0.37, 0.5, 0.9, 0.999)) {
            // I_x(1/2, 1/2) = (2/π) asin √x (arcsine law); I_x(1, b) = 1 − (1−x)^b; I_x(a, 1) = x^a
            SpecialFunctions.regularizedIncompleteBeta(x, 0.5, 0.5) shouldBe (2 / PI * asin(sqrt(x)) plusOrMinus 1e-13)
            SpecialFunctions.regularizedIncompleteBeta(x, 1.0, 3.5) shouldBe (1 - (1 - x).pow(3.5) plusOrMinus 1e-13)
            SpecialFunctions.regularizedIncompleteBeta(x, 4.2, 1.0) shouldBe (x.pow(4.2) plusOrMinus 1e-13)
        }
        SpecialFunctions.regularizedIncompleteBeta(0.0, 2.0, 3.0) shouldBe 0.0
        SpecialFunctions.regularizedIncompleteBeta(1.0, 2.0, 3.0) shouldBe 1.0
    }

    test("incomplete beta against scipy.stats.beta.cdf (scipy 1.17)") {
        SpecialFunctions.regularizedIncompleteBeta(0.3, 2.5, 0.5) shouldBe (0.018927124071945658 plusOrMinus 1e-13)
        SpecialFunctions.regularizedIncompleteBeta(0.9, 5.0, 7.0) shouldBe (0.9999771003 plusOrMinus 1e-10)
        shouldThrow<IllegalArgumentException> { SpecialFunctions.regularizedIncompleteBeta(1.5, 1.0, 1.0) }
    }

    test("Student-t CDF: the 97.5 % quantile with 10 df is 2.228…, closed forms for 1 and 2 df") {
        // t_{0.975, 10} = 2.228138851986274 (printed tables give 2.228; digits from scipy.stats.t.ppf(0.975, 10))
        StudentT.cdf(2.228138851986274, 10.0) shouldBe (0.975 plusOrMinus 1e-12)
        StudentT.cdf(-2.228138851986274, 10.0) shouldBe (0.025 plusOrMinus 1e-12)
        StudentT.twoSidedP(2.228138851986274, 10.0) shouldBe (0.05 plusOrMinus 1e-12)
        // t_{0.975, 1} = 12.706, t_{0.95, 30} = 1.697 (printed tables)
        StudentT.cdf(12.706, 1.0) shouldBe (0.975 plusOrMinus 1e-5)
        StudentT.cdf(1.697, 30.0) shouldBe (0.95 plusOrMinus 1e-4)
        for (t in listOf(-3.0, -0.7, 0.0, 0.7, 5.0)) {
            StudentT.cdf(t, 1.0) shouldBe (0.5 + atan(t) / PI plusOrMinus 1e-13) // Cauchy
            StudentT.cdf(t, 2.0) shouldBe (0.5 + t / (2 * sqrt(2 + t * t)) plusOrMinus 1e-13)
        }
        StudentT.cdf(-1.5, 3.7) shouldBe (0.10679908460100675 plusOrMinus 1e-12) // scipy.stats.t.cdf
        StudentT.cdf(2.0, 2.5) shouldBe (0.9213042521210171 plusOrMinus 1e-12)
        StudentT.twoSidedP(Double.POSITIVE_INFINITY, 3.0) shouldBe 0.0
    }
})
