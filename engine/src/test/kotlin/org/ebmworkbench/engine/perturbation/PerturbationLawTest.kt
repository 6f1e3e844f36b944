package org.ebmworkbench.engine.perturbation

import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.DataType
import ai.djl.ndarray.types.Shape
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.engine.TestSupport
import java.util.SplittableRandom
import kotlin.math.sqrt

/**
 * Each perturbation draws its negatives from the law it documents, checked on many draws within 4 standard errors
 * (fixed seeds): the Gaussian's displacement x⁻ − x has mean 0 and variance 2t per coordinate, and two negatives of
 * one point share y (covariance t); Bernoulli flips each bit of x⁻ with probability 2ε(1 − ε); grid negatives are at
 * Hamming distance 0 (probability 1/D) or 2; pooling keeps every window's number of ones, moves nothing across a
 * window (the last, shorter one included) and places a window's single one uniformly.
 */
class PerturbationLawTest : FunSpec({
    val n = 4096
    val m = 4

    fun binaryRows(manager: NDManager, d: Int, seed: Long): Pair<DoubleArray, ai.djl.ndarray.NDArray> {
        val rng = SplittableRandom(seed)
        val v = DoubleArray(n * d) { if (rng.nextBoolean()) 1.0 else 0.0 }
        return v to manager.create(v, Shape(n.toLong(), d.toLong()))
    }

    test("Gaussian: displacement mean 0, variance 2t; negatives of one point covary by t") {
        TestSupport.withManager { manager ->
            TestSupport.seed(1)
            val t = 0.5
            val x = manager.randomNormal(0f, 1f, Shape(n.toLong(), 2), DataType.FLOAT64)
            val negatives = GaussianPerturbation.builder().optT(t).build().negatives(manager, x, m)
            val delta = negatives.reshape(n.toLong(), m.toLong(), 2).sub(x.expandDims(1)).toDoubleArray()
            val count = delta.size
            delta.average() shouldBe (0.0 plusOrMinus 4 * sqrt(2 * t / count))
            delta.sumOf { it * it } / count shouldBe (2 * t plusOrMinus 4 * 2 * t * sqrt(2.0 / count))
            // Negatives 0 and 1 of each point, coordinate 0: covariance t (SD of the product ≈ √(4t² + t²)).
            val products = (0 until n).map { i -> delta[i * m * 2] * delta[i * m * 2 + 2] }
            products.average() shouldBe (t plusOrMinus 4 * sqrt(5 * t * t / n))
        }
    }

    test("Bernoulli: each bit of a negative differs from x with probability 2ε(1 − ε)") {
        TestSupport.withManager { manager ->
            TestSupport.seed(2)
            val eps = 0.1
            val (v, x) = binaryRows(manager, 8, 3)
            val negatives = BernoulliPerturbation.builder().optEpsilon(eps).build().negatives(manager, x, m).toDoubleArray()
            var flipped = 0
            for (k in negatives.indices) if (negatives[k] != v[(k / (8 * m)) * 8 + k % 8]) flipped++
            val p = 2 * eps * (1 - eps)
            flipped.toDouble() / negatives.size shouldBe (p plusOrMinus 4 * sqrt(p * (1 - p) / negatives.size))
        }
    }

    test("grid: every negative is at Hamming distance 0 (probability 1/D) or 2 from x") {
        TestSupport.withManager { manager ->
            TestSupport.seed(4)
            val d = 6
            val (v, x) = binaryRows(manager, d, 5)
            val negatives = NeighbourhoodPerturbation.builder().build().negatives(manager, x, m).toDoubleArray()
            val distances = (0 until n * m).map { r -> (0 until d).count { negatives[r * d + it] != v[(r / m) * d + it] } }
            distances.toSet().forEach { withClue("distance $it") { (it == 0 || it == 2) shouldBe true } }
            val p = 1.0 / d
            distances.count { it == 0 }.toDouble() / distances.size shouldBe
                (p plusOrMinus 4 * sqrt(p * (1 - p) / distances.size))
        }
    }

    test("pooling: window sums kept, nothing crosses a window, a window's single one placed uniformly") {
        TestSupport.withManager { manager ->
            TestSupport.seed(6)
            // D = 7 with window 3: windows {0, 1, 2}, {3, 4, 5} and the shorter {6}.
            val d = 7
            val (v, x) = binaryRows(manager, d, 7)
            val negatives = PoolingPerturbation.builder().optWindow(3).build().negatives(manager, x, m).toDoubleArray()
            val windows = listOf(0..2, 3..5, 6..6)
            for (r in 0 until n * m) for (w in windows) {
                val kept = w.sumOf { negatives[r * d + it] }
                val original = w.sumOf { v[(r / m) * d + it] }
                if (kept != original) error("row $r, window $w: $kept ones instead of $original")
            }
            // Rows whose first window holds exactly one 1: its position is uniform over the 3 sites (chi-square, 2 dof,
            // 0.999 quantile 13.82).
            val positions = LongArray(3)
            for (r in 0 until n * m) {
                if ((0..2).sumOf { v[(r / m) * d + it] } == 1.0) positions[(0..2).first { negatives[r * d + it] == 1.0 }]++
            }
            val total = positions.sum().toDouble()
            val x2 = positions.sumOf { (it - total / 3).let { e -> e * e } / (total / 3) }
            withClue("positions ${positions.toList()}") { x2 shouldBeLessThan 13.82 }
        }
    }

    test("builders reject invalid settings with the parameter named") {
        shouldThrow<IllegalArgumentException> { GaussianPerturbation.builder().optT(-1.0).build() }.message!! shouldContain
            "gaussianPerturbation.t must be > 0"
        shouldThrow<IllegalArgumentException> { BernoulliPerturbation.builder().optEpsilon(0.7).build() }.message!! shouldContain
            "bernoulliPerturbation.epsilon must be in (0, 0.5]"
        shouldThrow<IllegalArgumentException> { PoolingPerturbation.builder().optWindow(0).build() }.message!! shouldContain
            "poolingPerturbation.window must be ≥ 1"
    }
})
