package org.ebmworkbench.engine.data

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.ints.shouldBeInRange
import io.kotest.matchers.shouldBe
import kotlin.math.PI
import kotlin.math.abs
import kotlin.math.atan2
import kotlin.math.cos
import kotlin.math.exp
import kotlin.math.hypot
import kotlin.math.pow
import kotlin.math.sin
import kotlin.math.sqrt

/** Known statistics of the pinwheels, moons, swiss roll, rings and spirals (fixed seeds, 4-SE tolerances). */
class CurveStatisticsTest : FunSpec({
    val n = 100_000

    /** Arm index and angular residual of each point, inverting angle = 2πk/5 + 0.25 exp(f0) with f0 ≈ |x|/scale. */
    fun arms(d: Dataset, scale: Double): Pair<IntArray, DoubleArray> {
        val arm = IntArray(d.size())
        val residual = DoubleArray(d.size())
        val width = 2 * PI / 5
        for (i in 0 until d.size()) {
            val x = d.get(i, 0).toDouble()
            val y = d.get(i, 1).toDouble()
            // point = |f| (cos(α − θ), sin(α − θ)), so −polar angle − 0.25 e^{|f|} ≈ 2πk/5 − α
            val t = -atan2(y, x) - 0.25 * exp(hypot(x, y) / scale)
            val k = Math.round(t / width)
            arm[i] = Math.floorMod(k, 5L).toInt()
            residual[i] = t - k * width
        }
        return arm to residual
    }

    test("pinwheels: 5 equal arms; E|x|² = scale²(1.09 + tangential²); SNL ≈ 5× the ED spread, half its tangential width") {
        val snl = ToyDatasets.byName("pinwheel_snl").sample(n, 6L)
        val ed = ToyDatasets.byName("pinwheel_ed").sample(n, 7L)
        val medians = mutableListOf<Double>()
        val meanSq = mutableListOf<Double>()
        for ((d, params) in listOf(snl to (10.0 to 0.05), ed to (2.0 to 0.1))) {
            val (scale, tangential) = params
            withClue("scale $scale") {
                // |f|² = (1 + 0.3 Z)² + (t Z')²: mean 1.09 + t², var 4·0.09 + 2·0.0081 + 2t⁴
                val sq = DoubleArray(n) { d.get(it, 0).toDouble().pow(2) + d.get(it, 1).toDouble().pow(2) }
                val sdSq = sqrt(0.36 + 0.0162 + 2 * tangential.pow(4)) * scale * scale
                sq.average() shouldBe (scale * scale * (1.09 + tangential * tangential) plusOrMinus fourSe(sdSq, n))
                meanSq += sq.average()
                // 5-fold symmetry with equal arm sizes: mean 0, per-coordinate σ ≤ sqrt(E|x|²)
                for (j in 0..1) d.column(j).average() shouldBe (0.0 plusOrMinus fourSe(scale * 1.05, n))
                val (arm, residual) = arms(d, scale)
                // each arm holds n/5 points; the share recovered by the inversion is 1/5 by symmetry: σ = sqrt(0.2·0.8)
                for (k in 0 until 5) arm.count { it == k }.toDouble() / n shouldBe (0.2 plusOrMinus fourSe(0.4, n))
                residual.count { abs(it) < 0.5 }.toDouble() / n shouldBeGreaterThan 0.99
                medians += residual.map { abs(it) }.sorted()[n / 2]
            }
        }
        // RMS radius ratio 5·sqrt(1.0925/1.1); each mean has relative 4-SE ≈ 0.007
        sqrt(meanSq[0] / meanSq[1]) shouldBe (5 * sqrt(1.0925 / 1.1) plusOrMinus 0.05)
        // |α| ≈ tangential·|Z|/f0 has the same law up to the factor tangential, so the median ratio is 0.1/0.05 = 2;
        // relative SE of a half-normal median ≈ 1.17/sqrt(n), i.e. 4-SE of the ratio ≈ 0.042
        medians[1] / medians[0] shouldBe (2.0 plusOrMinus 0.05)
    }

    test("shuffled generators interleave their components: equal label shares in the first and second half") {
        val moonLabel = { x: Double, y: Double ->
            // undo ·2 + (−1, −0.2), then compare distances to the outer arc (upper unit half-circle around (0,0))
            // and the inner arc (lower unit half-circle around (1, 0.5))
            val u = (x + 1) / 2
            val v = (y + 0.2) / 2
            val outer = if (v >= 0) abs(hypot(u, v) - 1) else minOf(hypot(u - 1, v), hypot(u + 1, v))
            val q = v - 0.5
            val inner = if (q <= 0) abs(hypot(u - 1, q) - 1) else minOf(hypot(u, q), hypot(u - 2, q))
            if (outer < inner) 0 else 1
        }
        val ringLabel = { x: Double, y: Double ->
            val rho = hypot(x, y)
            listOf(3.0, 2.25, 1.5, 0.75).withIndex().minBy { abs(it.value - rho) }.index
        }
        val cases = listOf(
            Triple("pinwheel_snl", 5) { d: Dataset -> arms(d, 10.0).first },
            Triple("pinwheel_ed", 5) { d: Dataset -> arms(d, 2.0).first },
            Triple("rings", 4) { d: Dataset -> IntArray(d.size()) { ringLabel(d.get(it, 0).toDouble(), d.get(it, 1).toDouble()) } },
            Triple("two_moons", 2) { d: Dataset -> IntArray(d.size()) { moonLabel(d.get(it, 0).toDouble(), d.get(it, 1).toDouble()) } },
        )
        for ((name, classes, label) in cases) {
            val labels = label(ToyDatasets.byName(name).sample(n, 13L))
            val half = n / 2
            for (k in 0 until classes) {
                val first = (0 until half).count { labels[it] == k }.toDouble() / half
                val second = (half until n).count { labels[it] == k }.toDouble() / half
                // difference of two shares of size n/2 with p ≤ 1/2: σ ≤ sqrt(2 · 0.25)
                withClue("$name label $k") { first - second shouldBe (0.0 plusOrMinus fourSe(sqrt(0.5), half)) }
            }
        }
    }

    test("two_moons: mean (0, 0.3) exactly up to noise, variance 3 + 2/m + 0.04 in x, bounding box") {
        val d = ToyDatasets.byName("two_moons").sample(n, 8L)
        val x = d.column(0)
        val y = d.column(1)
        // the noiseless points are fixed: outer x = 2cos t − 1, inner x = 1 − 2cos t (mean 0); y means cancel to 0.3
        x.average() shouldBe (0.0 plusOrMinus fourSe(0.2, n)) // noise σ = 2·0.1
        y.average() shouldBe (0.3 plusOrMinus fourSe(0.2, n))
        // Σcos²(t_i) over linspace(0, π, m) = (m+1)/2, so mean x² of the noiseless points is 3 + 2/m; noise adds 0.04.
        // Only the noise is random: var(x_i²) = 0.16 a_i² + 0.0032, a_i² ≤ 9, so σ ≤ sqrt(0.16·9 + 0.0032)
        val m = n / 2
        x.map { it * it }.average() shouldBe (3 + 2.0 / m + 0.04 plusOrMinus fourSe(sqrt(0.16 * 9 + 0.0032), n))
        // noiseless box x ∈ [−3, 3], y ∈ [−1.2, 1.8]; noise beyond 6σ = 1.2 has P ≈ 2e-9
        x.min() shouldBeGreaterThan -3 - 1.2
        x.max() shouldBeLessThan 3 + 1.2
        y.min() shouldBeGreaterThan -1.2 - 1.2
        y.max() shouldBeLessThan 1.8 + 1.2
        x.min() shouldBeLessThan -2.9
        y.max() shouldBeGreaterThan 1.7
    }

    test("swiss_roll: means (2, 2/(3π))/5, E|5x|² = E t² + 2, bounding box") {
        val d = ToyDatasets.byName("swiss_roll").sample(n, 9L)
        val a = 1.5 * PI
        val b = 4.5 * PI
        val avg = { g: (Double) -> Double -> simpson(a, b) { g(it) } / (b - a) } // E over t ~ U[a, b]
        val ex = avg { it * cos(it) }
        val ez = avg { it * sin(it) }
        ex shouldBe (2.0 plusOrMinus 1e-9)
        ez shouldBe (2 / (3 * PI) plusOrMinus 1e-9)
        val sdX = sqrt(avg { (it * cos(it)).pow(2) } - ex * ex + 1) / 5 // + N(0,1) noise, then /5
        val sdZ = sqrt(avg { (it * sin(it)).pow(2) } - ez * ez + 1) / 5
        d.column(0).average() shouldBe (ex / 5 plusOrMinus fourSe(sdX, n))
        d.column(1).average() shouldBe (ez / 5 plusOrMinus fourSe(sdZ, n))
        // |5x|² = t² + 2t(u·N) + |N|²: mean E t² + 2, var = var(t²) + 4 E t² + 4
        val et2 = avg { it * it }
        val vt2 = avg { it.pow(4) } - et2 * et2
        val r2 = DoubleArray(n) { 25 * (d.get(it, 0).toDouble().pow(2) + d.get(it, 1).toDouble().pow(2)) }
        r2.average() shouldBe (et2 + 2 plusOrMinus fourSe(sqrt(vt2 + 4 * et2 + 4), n))
        // |t| ≤ 4.5π; the 2-D noise exceeds 6 with probability e^-18
        r2.max() shouldBeLessThan (4.5 * PI + 6).pow(2)
    }

    test("rings: radii 3, 2.25, 1.5, 0.75 with n/4 points on the outer three, mean 0, ring spread 0.08") {
        val m = 100_001
        val d = ToyDatasets.byName("rings").sample(m, 10L)
        val radii = doubleArrayOf(3.0, 2.25, 1.5, 0.75)
        val groups = List(4) { mutableListOf<Double>() }
        for (i in 0 until m) {
            val rho = hypot(d.get(i, 0).toDouble(), d.get(i, 1).toDouble())
            groups[radii.indices.minBy { abs(radii[it] - rho) }] += rho
        }
        val expectedCounts = intArrayOf(m / 4, m / 4, m / 4, m - 3 * (m / 4))
        for (r in 0 until 4) {
            withClue("ring of radius ${radii[r]}") {
                // rings are 0.375 = 4.7σ from the midpoint, so misassignment has P ≈ 3e-6 per point (< 1 expected)
                groups[r].size shouldBeInRange (expectedCounts[r] - 5)..(expectedCounts[r] + 5)
                // ρ² = |r u + 0.08 Z|²: mean r² + 2σ², var 4r²σ² + 4σ⁴
                val sigma2 = 0.08 * 0.08
                groups[r].map { it * it }.average() shouldBe
                    (radii[r] * radii[r] + 2 * sigma2 plusOrMinus fourSe(sqrt(4 * radii[r] * radii[r] * sigma2 + 4 * sigma2 * sigma2), groups[r].size))
                groups[r].toDoubleArray().sampleSd() shouldBe (0.08 plusOrMinus (4 * 0.08 / sqrt(2.0 * groups[r].size) + 5e-4))
            }
        }
        // evenly spaced angles sum to zero on each ring, so the mean is pure noise: σ = 0.08
        for (j in 0..1) d.column(j).average() shouldBe (0.0 plusOrMinus fourSe(0.08, m))
    }

    test("rings with n = 4: one point per ring at angle 0, i.e. near (3,0), (2.25,0), (1.5,0), (0.75,0)") {
        val d = ToyDatasets.byName("rings").sample(4, 11L)
        val xs = (0 until 4).map { d.get(it, 0).toDouble() }.sorted()
        for ((got, want) in xs.zip(listOf(0.75, 1.5, 2.25, 3.0))) got shouldBe (want plusOrMinus 6 * 0.08)
        for (i in 0 until 4) d.get(i, 1).toDouble() shouldBe (0.0 plusOrMinus 6 * 0.08)
    }

    test("two_spirals: second half mirrors the first, mean 0, E|3x|² from the recipe, bounding box") {
        val d = ToyDatasets.byName("two_spirals").sample(n, 12L)
        val half = n / 2
        // row i + row i+half = noise of two draws: N(0, 2·0.1²) per coordinate; SE of an sd ≈ σ/sqrt(2m)
        val sigmaPair = 0.1 * sqrt(2.0)
        for (j in 0..1) {
            val sums = DoubleArray(half) { d.get(it, j).toDouble() + d.get(it + half, j).toDouble() }
            sums.average() shouldBe (0.0 plusOrMinus fourSe(sigmaPair, half))
            sums.sampleSd() shouldBe (sigmaPair plusOrMinus 4 * sigmaPair / sqrt(2.0 * half))
            d.column(j).average() shouldBe (0.0 plusOrMinus fourSe(0.1, n)) // mirror pairs cancel exactly
        }
        // u = 3π sqrt(U) has density 2u/(3π)² on [0, 3π]; d1 = (−u cos u + V/2, u sin u + W/2), V, W ~ U[0,1)
        val top = 3 * PI
        val eu = { g: (Double) -> Double -> simpson(0.0, top) { 2 * it / (top * top) * g(it) } }
        val ed1 = eu { it * it } + 2 * (0.25 / 3) + 0.5 * eu { -it * cos(it) + it * sin(it) }
        val r2 = DoubleArray(n) { 9 * (d.get(it, 0).toDouble().pow(2) + d.get(it, 1).toDouble().pow(2)) }
        // u² is uniform on [0, 9π²], σ = 9π²/sqrt(12) ≈ 25.6; the offsets and noise add < 1.4, so σ ≤ 27
        r2.average() shouldBe (ed1 + 9 * 2 * 0.01 plusOrMinus fourSe(27.0, n))
        // |d1| ≤ 3π + 0.5·sqrt(2); the noise (σ = 0.1) exceeds 6σ·sqrt(2) with probability e^-36
        r2.max() shouldBeLessThan (top + 0.5 * sqrt(2.0) + 3 * 6 * 0.1 * sqrt(2.0)).pow(2)
        r2.max() shouldBeGreaterThan (top - 0.5).pow(2)
    }
})
