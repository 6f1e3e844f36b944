package org.ebmworkbench.engine.data

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import kotlin.math.PI
import kotlin.math.exp
import kotlin.math.ln
import kotlin.math.sqrt

/** Closed-form log-densities: normalisation on a grid and E[log p] against the optima of docs/methods.md §1.2. */
class DensityTest : FunSpec({

    /** Midpoint rule for ∫∫ p over [-L, L]² with k×k cells. */
    fun gridMass(ds: ToyDataset, half: Double, k: Int): Double {
        val h = 2 * half / k
        var sum = 0.0
        for (a in 0 until k) for (b in 0 until k) sum += exp(ds.logDensity(-half + (a + 0.5) * h, -half + (b + 0.5) * h))
        return sum * h * h
    }

    test("checkerboard density is 1/32 on the even squares, 0 elsewhere, closed at the edges") {
        val ds = ToyDatasets.byName("checkerboard")
        ds.logDensity(0.5, 0.5) shouldBe -ln(32.0)
        ds.logDensity(-2.5, -1.0) shouldBe Double.NEGATIVE_INFINITY // square (-2, -1): odd
        ds.logDensity(-2.5, 1.0) shouldBe -ln(32.0) // square (-2, 0): even
        ds.logDensity(4.0, 2.5) shouldBe -ln(32.0) // right edge of the even square (1, 1)
        ds.logDensity(4.0, 1.0) shouldBe Double.NEGATIVE_INFINITY // right edge of the odd square (1, 0)
        ds.logDensity(2.0, 1.0) shouldBe -ln(32.0) // edge shared by an even and an odd square
        ds.logDensity(4.5, 1.0) shouldBe Double.NEGATIVE_INFINITY
        ds.logDensity(Double.NaN, 0.0) shouldBe Double.NEGATIVE_INFINITY
    }

    test("the densities integrate to 1 on a fine grid") {
        // grid edges at multiples of 0.01 fall on the checkerboard's square edges, so its midpoint sum is exact
        withClue("checkerboard") { gridMass(ToyDatasets.byName("checkerboard"), 5.0, 1000) shouldBe (1.0 plusOrMinus 1e-9) }
        // Gaussian mixtures: every component lies > 10σ inside [-6,6]²; midpoint error is exponentially small
        withClue("gaussians25") { gridMass(ToyDatasets.byName("gaussians25"), 6.0, 600) shouldBe (1.0 plusOrMinus 1e-6) }
        withClue("gaussians8") { gridMass(ToyDatasets.byName("gaussians8"), 6.0, 600) shouldBe (1.0 plusOrMinus 1e-6) }
        // rings reach radius 3 + noise; the Bessel approximation has relative error < 5e-7
        withClue("four_circles") { gridMass(ToyDatasets.byName("four_circles"), 5.0, 1000) shouldBe (1.0 plusOrMinus 1e-5) }
    }

    test("the funnel density integrates to its exact mass inside the box") {
        val half = 10.0
        // mass in [-L, L]²: ∫ φ(y) P(|x| < L | y) dy with P(|x| < L | y) = erf(L e^{-y}/√2); erf by Simpson
        val erf = { z: Double -> if (z > 8) 1.0 else simpson(0.0, z, 400) { 2 / sqrt(PI) * exp(-it * it) } }
        val phi = { t: Double -> exp(-t * t / 2) / sqrt(2 * PI) }
        val inside = simpson(-half, half, 2000) { phi(it) * erf(half * exp(-it) / sqrt(2.0)) }
        inside shouldBe (0.988 plusOrMinus 0.002) // the x-tails beyond |x| = 10 carry about 1.2% of the mass
        // cells of 0.005: narrower than the funnel neck e^y only for y < -5.3, which has mass 6e-8
        gridMass(ToyDatasets.byName("funnel"), half, 4000) shouldBe (inside plusOrMinus 1e-5)
    }

    test("the mean log-density over 200 000 samples matches optimalLogLikelihood()") {
        val n = 200_000
        for ((name, seed) in listOf("checkerboard" to 21L, "gaussians25" to 22L, "gaussians8" to 23L,
            "four_circles" to 24L, "funnel" to 25L)) {
            val ds = ToyDatasets.byName(name)
            val d = ds.sample(n, seed)
            val lp = DoubleArray(n) { ds.logDensity(d.get(it, 0).toDouble(), d.get(it, 1).toDouble()) }
            val optimum = ds.optimalLogLikelihood().asDouble
            // SE from the sample sd of log p; the Monte-Carlo optima carry up to ±0.005 (rounding and
            // MC error), the exact ones (checkerboard, funnel) none
            val slack = if (name == "checkerboard" || name == "funnel") 0.0 else 0.005
            withClue(name) { lp.average() shouldBe (optimum plusOrMinus (fourSe(lp.sampleSd(), n) + slack + 1e-9)) }
        }
    }

    test("log I0e matches reference values of the modified Bessel function") {
        // I0(0) = 1, I0(1) = 1.2660658777520082, I0(3.75) = 9.118945860844567, I0(5) = 27.239871823604442,
        // I0(10) = 2815.716628466254, I0(400) from the asymptotic series e^z/sqrt(2πz)(1 + 1/(8z) + 9/(128z²))
        val z400 = 400.0
        val cases = listOf(
            0.0 to 0.0, 1.0 to ln(1.2660658777520082) - 1, 3.75 to ln(9.118945860844567) - 3.75,
            5.0 to ln(27.239871823604442) - 5, 10.0 to ln(2815.716628466254) - 10,
            z400 to -0.5 * ln(2 * PI * z400) + ln(1 + 1 / (8 * z400) + 9 / (128 * z400 * z400)),
        )
        for ((z, want) in cases) withClue("z = $z") { Bessel.logI0e(z) shouldBe (want plusOrMinus 5e-7) }
    }
})
