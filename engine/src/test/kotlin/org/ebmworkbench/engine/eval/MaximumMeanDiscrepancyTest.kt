package org.ebmworkbench.engine.eval

import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.engine.tensor.Tensors
import kotlin.math.abs
import kotlin.math.exp
import kotlin.math.sqrt

/** Unbiased Gaussian-kernel MMD² against a direct O(n²) host computation and its sampling distribution. */
class MaximumMeanDiscrepancyTest : FunSpec({
    fun gaussian(n: Int, mean: Double, std: Double, seed: Long): Dataset =
        TestSupport.gaussianData(n, doubleArrayOf(mean, 0.0), doubleArrayOf(std, std), seed)

    fun NDManager.tensor(d: Dataset): NDArray = Tensors.fromRows(this, d.toArray(), d.size(), d.dim())

    fun rows(d: Dataset) = Array(d.size()) { i -> DoubleArray(d.dim()) { j -> d.get(i, j).toDouble() } }

    fun squaredDistance(a: DoubleArray, b: DoubleArray) = a.indices.sumOf { (a[it] - b[it]) * (a[it] - b[it]) }

    /** The textbook double loop, i ≠ j inside each sample. */
    fun hostMmd(x: Array<DoubleArray>, y: Array<DoubleArray>, h: Double): Double {
        fun k(a: DoubleArray, b: DoubleArray) = exp(-squaredDistance(a, b) / (2 * h * h))
        var xx = 0.0
        for (i in x.indices) for (j in x.indices) if (i != j) xx += k(x[i], x[j])
        var yy = 0.0
        for (i in y.indices) for (j in y.indices) if (i != j) yy += k(y[i], y[j])
        var xy = 0.0
        for (a in x) for (b in y) xy += k(a, b)
        val n = x.size.toDouble()
        val m = y.size.toDouble()
        return xx / (n * (n - 1)) + yy / (m * (m - 1)) - 2 * xy / (n * m)
    }

    test("matches a direct O(n²) host computation, with a fixed bandwidth and with the median heuristic") {
        TestSupport.withManager { m ->
            val x = gaussian(40, 0.0, 1.0, 1)
            val y = gaussian(30, 0.5, 1.3, 2)
            // 7-row chunks: several chunks, a ragged last one, and diagonals that cross chunk borders.
            val fixed = MaximumMeanDiscrepancy.builder().optBandwidth(0.7).optChunkRows(7).build()
                .evaluate(m.tensor(x), m.tensor(y), "host draws")
            fixed.value() shouldBe (hostMmd(rows(x), rows(y), 0.7) plusOrMinus 1e-10)
            fixed.bandwidth() shouldBe 0.7
            fixed.sampleCount() shouldBe 40
            fixed.dataCount() shouldBe 30
            fixed.samplerDescription() shouldBe "host draws"

            val pooled = rows(x) + rows(y)
            val distances = pooled.indices.flatMap { i -> (i + 1 until pooled.size).map { j -> sqrt(squaredDistance(pooled[i], pooled[j])) } }.sorted()
            val mid = distances.size / 2
            val median = if (distances.size % 2 == 1) distances[mid] else (distances[mid - 1] + distances[mid]) / 2
            val heuristic = MaximumMeanDiscrepancy.builder().optChunkRows(7).build().evaluate(m.tensor(x), m.tensor(y), "")
            heuristic.bandwidth() shouldBe (median plusOrMinus 1e-9)
            heuristic.value() shouldBe (hostMmd(rows(x), rows(y), heuristic.bandwidth()) plusOrMinus 1e-10)
        }
    }

    test("two samples of one distribution give ≈ 0 within the SE of repeated draws; a shift gives a clearly positive value") {
        TestSupport.withManager { m ->
            val mmd = MaximumMeanDiscrepancy.builder().build()
            val repeats = 30
            val null0 = DoubleArray(repeats) { r ->
                mmd.evaluate(m.tensor(gaussian(300, 0.0, 1.0, 100L + r)), m.tensor(gaussian(300, 0.0, 1.0, 200L + r)), "").value()
            }
            val mean = null0.average()
            val sd = sqrt(null0.sumOf { (it - mean) * (it - mean) } / (repeats - 1))
            // Unbiased: the mean of 30 draws is within 4 of its standard errors of 0.
            abs(mean) shouldBeLessThan 4 * sd / sqrt(repeats.toDouble())
            // Shift by one std: population MMD² ≈ 0.1 with h ≈ 1.7, tens of null standard deviations.
            val shifted = mmd.evaluate(m.tensor(gaussian(300, 1.0, 1.0, 300L)), m.tensor(gaussian(300, 0.0, 1.0, 301L)), "").value()
            shifted shouldBeGreaterThan mean + 10 * sd
        }
    }

    test("symmetric in its two arguments, also when the median heuristic subsamples the pooled points") {
        TestSupport.withManager { m ->
            val x = m.tensor(gaussian(700, 0.3, 1.0, 5))
            val y = m.tensor(gaussian(500, 0.0, 1.2, 6))
            val mmd = MaximumMeanDiscrepancy.builder().build()
            val forward = mmd.evaluate(x, y, "")
            val backward = mmd.evaluate(y, x, "")
            backward.bandwidth() shouldBe (forward.bandwidth() plusOrMinus 1e-12)
            backward.value() shouldBe (forward.value() plusOrMinus 1e-12)
            forward.value() shouldBeGreaterThan 0.0
        }
    }

    test("mismatched or too small inputs and bad settings are rejected") {
        TestSupport.withManager { m ->
            val mmd = MaximumMeanDiscrepancy.builder().build()
            shouldThrow<IllegalArgumentException> { mmd.evaluate(m.ones(ai.djl.ndarray.types.Shape(5, 2)), m.ones(ai.djl.ndarray.types.Shape(5, 3)), "") }
            shouldThrow<IllegalArgumentException> { mmd.evaluate(m.ones(ai.djl.ndarray.types.Shape(1, 2)), m.ones(ai.djl.ndarray.types.Shape(5, 2)), "") }
            // All points equal: the median distance is 0, so the heuristic cannot pick a bandwidth.
            shouldThrow<IllegalArgumentException> { mmd.evaluate(m.ones(ai.djl.ndarray.types.Shape(5, 2)), m.ones(ai.djl.ndarray.types.Shape(5, 2)), "") }
            shouldThrow<IllegalArgumentException> { MaximumMeanDiscrepancy.builder().optBandwidth(0.0) }
        }
    }
})
