package org.ebmworkbench.engine.data

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.doubles.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import kotlin.math.exp
import kotlin.math.floor
import kotlin.math.hypot
import kotlin.math.sqrt

/** Known statistics of checkerboard, 25/8 Gaussians, four circles and funnel (fixed seeds, 4-SE tolerances). */
class MixtureStatisticsTest : FunSpec({
    val n = 100_000

    test("checkerboard: support [-4,4]^2, 1/8 of the mass on each even square, none on the odd ones, mean 0") {
        val d = ToyDatasets.byName("checkerboard").sample(n, 1L)
        val counts = Array(4) { IntArray(4) }
        for (i in 0 until n) {
            val x = d.get(i, 0).toDouble()
            val y = d.get(i, 1).toDouble()
            x * x shouldBeLessThanOrEqual 16.0
            y * y shouldBeLessThanOrEqual 16.0
            counts[(floor(x / 2).toInt() + 2).coerceIn(0, 3)][(floor(y / 2).toInt() + 2).coerceIn(0, 3)]++
        }
        for (i in 0..3) for (j in 0..3) {
            val frac = counts[i][j].toDouble() / n
            withClue("square ($i, $j)") {
                // Bernoulli(1/8) indicator: σ = sqrt(1/8 · 7/8)
                if ((i + j) % 2 == 0) frac shouldBe (0.125 plusOrMinus fourSe(sqrt(0.125 * 0.875), n))
                else frac shouldBe 0.0
            }
        }
        // each coordinate is marginally U[-4,4): σ = 8/sqrt(12)
        for (j in 0..1) d.column(j).average() shouldBe (0.0 plusOrMinus fourSe(8 / sqrt(12.0), n))
    }

    test("gaussians25: mean 0, variance (8 + 0.04)/1.414², equal clusters, every point near its centre") {
        val d = ToyDatasets.byName("gaussians25").sample(n, 2L)
        val s = 1.414
        // unscaled coordinate X = C + 0.2 Z, C uniform on {-4,-2,0,2,4}: E C² = 8, E C⁴ = 108.8
        val varUnscaled = 8.0 + 0.04
        val m4Unscaled = 108.8 + 6 * 8.0 * 0.04 + 3 * 0.04 * 0.04
        val variance = varUnscaled / (s * s)
        val sdOfSquare = sqrt(m4Unscaled - varUnscaled * varUnscaled) / (s * s) // σ of X² for the variance SE
        for (j in 0..1) {
            val c = d.column(j)
            c.average() shouldBe (0.0 plusOrMinus fourSe(sqrt(variance), n))
            c.sampleVariance() shouldBe (variance plusOrMinus fourSe(sdOfSquare, n))
        }
        val std = 0.2 / s
        val counts = IntArray(25)
        for (i in 0 until n) {
            val x = d.get(i, 0) * s
            val y = d.get(i, 1) * s
            val a = Math.round(x / 2.0).toInt().coerceIn(-2, 2)
            val b = Math.round(y / 2.0).toInt().coerceIn(-2, 2)
            counts[(a + 2) * 5 + b + 2]++
            // radial distance is Rayleigh(σ): P(> 6σ) = e^-18 ≈ 1.5e-8 per point (5σ would expect 0.4 misses here)
            (hypot(x - 2.0 * a, y - 2.0 * b) / s) shouldBeLessThan 6 * std
        }
        // per-coordinate offset from the nearest centre is 0.2/1.414 · N(0,1); SE of an sd ≈ σ/sqrt(2n)
        for (j in 0..1) {
            val off = DoubleArray(n) { val v = d.get(it, j) * s; (v - 2.0 * Math.round(v / 2.0)) / s }
            off.sampleSd() shouldBe (std plusOrMinus 4 * std / sqrt(2.0 * n))
        }
        // Bernoulli(1/25) per cluster: σ = sqrt(0.04 · 0.96)
        for (k in 0 until 25) counts[k].toDouble() / n shouldBe (0.04 plusOrMinus fourSe(sqrt(0.04 * 0.96), n))
    }

    test("gaussians8: variance 8.25/1.414², E|1.414 x|² = 16.5, radial sd 0.5, equal clusters") {
        val d = ToyDatasets.byName("gaussians8").sample(n, 3L)
        val s = 1.414
        // unscaled X = C + 0.5 Z with C_x² ∈ {16,16,0,0,8,8,8,8}: E C² = 8, E C⁴ = 96
        val varUnscaled = 8.0 + 0.25
        val m4Unscaled = 96.0 + 6 * 8.0 * 0.25 + 3 * 0.25 * 0.25
        for (j in 0..1) {
            val c = d.column(j)
            c.average() shouldBe (0.0 plusOrMinus fourSe(sqrt(varUnscaled) / s, n))
            c.sampleVariance() shouldBe
                (varUnscaled / (s * s) plusOrMinus fourSe(sqrt(m4Unscaled - varUnscaled * varUnscaled) / (s * s), n))
        }
        val r = DoubleArray(n) { hypot(d.get(it, 0).toDouble(), d.get(it, 1).toDouble()) * s }
        // R² = |c + 0.5 Z|²: E = 16 + 2·0.25, var = 4·0.25·16 + 4·0.5⁴ = 16.25
        r.map { it * it }.average() shouldBe (16.5 plusOrMinus fourSe(sqrt(16.25), n))
        // sd(R) = σ(1 − O(σ²/ν²)) = 0.5 − about 0.001 (Rice, ν = 4, σ = 0.5); SE of an sd ≈ σ/sqrt(2n)
        r.sampleSd() shouldBe (0.5 plusOrMinus (4 * 0.5 / sqrt(2.0 * n) + 0.002))
        val counts = IntArray(8)
        for (i in 0 until n) {
            val angle = Math.atan2(d.get(i, 1).toDouble(), d.get(i, 0).toDouble())
            counts[Math.floorMod(Math.round(angle / (Math.PI / 4)).toInt(), 8)]++
        }
        // by the 8-fold symmetry each sector holds 1/8 in expectation: σ = sqrt(1/8 · 7/8)
        for (k in 0 until 8) counts[k].toDouble() / n shouldBe (0.125 plusOrMinus fourSe(sqrt(0.125 * 0.875), n))
    }

    test("four_circles: rows grouped by circle, |x - c|² = 4 + 2σ², radial sd 0.1, uniform angle") {
        val d = ToyDatasets.byName("four_circles").sample(n, 4L)
        val block = n / 4
        for (k in 0 until 4) {
            val c = FourCircles.CENTRES[k]
            val rho = DoubleArray(block) { hypot(d.get(k * block + it, 0) - c[0], d.get(k * block + it, 1) - c[1]) }
            withClue("circle $k at (${c[0]}, ${c[1]})") {
                // ρ² = |2u + 0.1 Z|²: E = 4 + 2·0.01, var = 4·0.01·4 + 4·0.1⁴
                rho.map { it * it }.average() shouldBe (4.02 plusOrMinus fourSe(sqrt(0.16 + 4e-4), block))
                // radial sd = σ(1 − O(σ²/R²)) = 0.1 to within 1e-4; SE of an sd ≈ σ/sqrt(2m)
                rho.sampleSd() shouldBe (0.1 plusOrMinus (4 * 0.1 / sqrt(2.0 * block) + 1e-4))
                // uniform angle: the mean offset from the centre is 0, per-coordinate σ = sqrt(2 + 0.01)
                for (j in 0..1) {
                    val off = DoubleArray(block) { d.get(k * block + it, j) - c[j] }
                    off.average() shouldBe (0.0 plusOrMinus fourSe(sqrt(2.01), block))
                }
            }
        }
        for (i in 0 until n) {
            val gap = FourCircles.CENTRES.minOf { c -> Math.abs(hypot(d.get(i, 0) - c[0], d.get(i, 1) - c[1]) - 2.0) }
            gap shouldBeLessThan 6 * 0.1 // radial noise beyond 6σ: P ≈ 2e-9 per point
        }
    }

    test("funnel: y ~ N(0,1), x/e^y ~ N(0,1), and E[x² | y in bin] = E[e^{2y} | bin]") {
        val m = 200_000
        val d = ToyDatasets.byName("funnel").sample(m, 5L)
        val x = d.column(0)
        val y = d.column(1)
        y.average() shouldBe (0.0 plusOrMinus fourSe(1.0, m))
        y.sampleVariance() shouldBe (1.0 plusOrMinus fourSe(sqrt(2.0), m)) // var(y²) = 2
        val z = DoubleArray(m) { x[it] * exp(-y[it]) }
        z.average() shouldBe (0.0 plusOrMinus fourSe(1.0, m))
        z.map { it * it }.average() shouldBe (1.0 plusOrMinus fourSe(sqrt(2.0), m))
        val phi = { t: Double -> exp(-t * t / 2) / sqrt(2 * Math.PI) }
        for (lo in listOf(-1.5, -0.5, 0.5, 1.5)) {
            val hi = lo + 0.5
            val mass = simpson(lo, hi) { phi(it) }
            val ex2 = simpson(lo, hi) { exp(2 * it) * phi(it) } / mass // E[x² | bin]
            val ex4 = simpson(lo, hi) { 3 * exp(4 * it) * phi(it) } / mass // E[x⁴ | bin]
            val inBin = x.indices.filter { y[it] >= lo && y[it] < hi }
            withClue("y in [$lo, $hi)") {
                inBin.map { x[it] * x[it] }.average() shouldBe (ex2 plusOrMinus fourSe(sqrt(ex4 - ex2 * ex2), inBin.size))
            }
        }
    }
})
