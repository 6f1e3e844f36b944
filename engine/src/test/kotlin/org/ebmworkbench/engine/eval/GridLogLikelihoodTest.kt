package org.ebmworkbench.engine.eval

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.energy.QuadraticEnergy
import org.ebmworkbench.engine.proposal.DiagonalGaussianProposal
import org.ebmworkbench.engine.tensor.Parameters
import org.ebmworkbench.engine.tensor.Tensors
import kotlin.math.PI
import kotlin.math.ln

/** Grid quadrature against the closed-form log-likelihood of a correlated Gaussian energy. */
class GridLogLikelihoodTest : FunSpec({
    // Precision Λ = L Lᵀ with L = [[1.5, 0], [0.6, 0.8]]; mean (0.4, −0.3).
    val factor = arrayOf(floatArrayOf(1.5f, 0f), floatArrayOf(0.6f, 0.8f))
    val mean = floatArrayOf(0.4f, -0.3f)

    fun exactLogLikelihood(points: FloatArray): Double {
        // log N(x; μ, Λ⁻¹) = −½ (x−μ)ᵀΛ(x−μ) + ½ log det Λ − log 2π, det Λ = (det L)² = (1.5·0.8)².
        val logDetL = ln(1.5 * 0.8)
        var sum = 0.0
        val n = points.size / 2
        for (i in 0 until n) {
            val a = points[2 * i] - mean[0]
            val b = points[2 * i + 1] - mean[1]
            // z = (x − μ) L, row vector times matrix
            val z0 = a * factor[0][0] + b * factor[1][0]
            val z1 = a * factor[0][1] + b * factor[1][1]
            sum += -0.5 * (z0 * z0 + z1 * z1) + logDetL - ln(2 * PI)
        }
        return sum / n
    }

    test("quadrature matches the exact Gaussian log-likelihood within 1e-3 and passes its self-check") {
        TestSupport.withManager { m ->
            val energy = QuadraticEnergy(2, true)
            val params = Parameters.builder()
                .add(QuadraticEnergy.MEAN, m.create(mean))
                .add(QuadraticEnergy.FACTOR, m.create(factor))
                .build()
            TestSupport.seed(5)
            val test = DiagonalGaussianProposal(m, doubleArrayOf(0.4, -0.3), doubleArrayOf(0.7, 1.0)).sample(m, 2000)
            val result = GridLogLikelihood(6.0, 300, true).evaluate(energy, params, test)
            result.logLikelihood() shouldBe (exactLogLikelihood(test.toFloatArray()) plusOrMinus 1e-3)
            result.warnings().shouldBeEmpty()
            // The saved density is normalised: Σ p Δ = 1.
            val cell = (12.0 / 299) * (12.0 / 299)
            result.logDensity().sumOf { Math.exp(it.toDouble()) * cell } shouldBe (1.0 plusOrMinus 1e-3)
            Tensors.scalar(test.mean()).isFinite() shouldBe true
        }
    }

    test("a box that cuts off mass is flagged by the self-check") {
        TestSupport.withManager { m ->
            val energy = QuadraticEnergy(2, false)
            val params = energy.initialize(m)
            val test = m.zeros(ai.djl.ndarray.types.Shape(10, 2))
            val result = GridLogLikelihood(1.0, 100, true).evaluate(energy, params, test)
            result.warnings().shouldNotBeEmpty()
        }
    }

    test("test points outside the box are counted, and their share is given in a warning on the value") {
        TestSupport.withManager { m ->
            val energy = QuadraticEnergy(2, false)
            val params = energy.initialize(m)
            val inside = List(7) { floatArrayOf(0.5f * it - 1.5f, 5.9f - it) }
            // Outside [-6, 6]² by one coordinate, by the other, and by both.
            val outside = listOf(floatArrayOf(7f, 0f), floatArrayOf(0f, -8f), floatArrayOf(9f, 9f))
            val test = m.create((inside + outside).toTypedArray())
            val warnings = GridLogLikelihood(6.0, 50, false).evaluate(energy, params, test).warnings()
            warnings.size shouldBe 1
            warnings[0].metric() shouldBe GridLogLikelihood.METRIC
            warnings[0].mark() shouldBe GridLogLikelihood.BOX_MISSES_MASS
            warnings[0].text() shouldContain "3 of the 10 test points (30.00%) lie outside [-6.00, 6.00]²"
            GridLogLikelihood(9.5, 50, false).evaluate(energy, params, test).warnings().shouldBeEmpty()
        }
    }

    test("importance sampling agrees with quadrature on the same energy within its standard error") {
        TestSupport.withManager { m ->
            val energy = QuadraticEnergy(2, true)
            val params = Parameters.builder()
                .add(QuadraticEnergy.MEAN, m.create(mean))
                .add(QuadraticEnergy.FACTOR, m.create(factor))
                .build()
            TestSupport.seed(9)
            val q = DiagonalGaussianProposal(m, doubleArrayOf(0.4, -0.3), doubleArrayOf(1.2, 1.6))
            val test = q.sample(m, 1000)
            val grid = GridLogLikelihood(8.0, 300, false).evaluate(energy, params, test).logLikelihood()
            val isLl = ImportanceSampledLogLikelihood(20_000).evaluate(energy, params, q, test)
            // Weights p/q are bounded here (q is wider); relative SE of Ẑ with K = 20 000 is < 0.01.
            isLl shouldBe (grid plusOrMinus 0.03)
        }
    }
})
