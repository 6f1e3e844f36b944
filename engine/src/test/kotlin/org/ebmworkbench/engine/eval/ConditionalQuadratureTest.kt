package org.ebmworkbench.engine.eval

import ai.djl.ndarray.types.DataType
import ai.djl.ndarray.types.Shape
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.TestSupport.toDoubles
import org.ebmworkbench.engine.energy.ConditionalMlpEnergy
import org.ebmworkbench.engine.energy.QuadraticEnergy
import org.ebmworkbench.engine.tensor.Parameters
import kotlin.math.PI
import kotlin.math.abs
import kotlin.math.ln

/**
 * The quadrature log Z(x) of test_ll_quad against closed forms. For the quadratic energy E = ½ (r − μ)ᵀ Λ (r − μ) on
 * r = (x, y), log Z(x) = ½ log(2π/Λ₁₁) − ½ (Λ₀₀ − Λ₀₁²/Λ₁₁)(x − μ₀)², and log p(y | x) is the normal density of
 * y | x; the trapezoid rule on a smooth integrand that has decayed at both ends is accurate far beyond 1e-3.
 */
class ConditionalQuadratureTest : FunSpec({
    test("quadrature log Z(x) and log p(y | x) match the closed form of a quadratic energy within 1e-3") {
        TestSupport.withManager { m ->
            val energy = QuadraticEnergy(2, true)
            val lFactor = m.create(floatArrayOf(1.2f, 0f, -0.7f, 1.5f), Shape(2, 2))
            val params = Parameters.builder().add(QuadraticEnergy.MEAN, m.create(floatArrayOf(0.3f, -0.4f)))
                .add(QuadraticEnergy.FACTOR, lFactor).build()
            val p = energy.precision(params).toDoubles()
            val mean = params.get(QuadraticEnergy.MEAN).toDoubles()
            val rows = doubleArrayOf(-2.0, 0.5, -0.5, -1.0, 0.0, 0.0, 1.0, 1.2, 2.5, -3.0)
            val test = m.create(rows.map { it.toFloat() }.toFloatArray(), Shape(5, 2))
            val metric = ConditionalQuadratureLogLikelihood(-12.0, 12.0, 1024)
            val logZ = metric.logNormalisers(energy, params, test.get(":, :1")).toDoubles()
            val logP = metric.logConditional(energy, params, test).toDoubles()
            val schur = p[0] - p[1] * p[1] / p[3]
            for (i in 0 until 5) {
                val x = rows[2 * i]
                val y = rows[2 * i + 1]
                val closed = 0.5 * ln(2 * PI / p[3]) - 0.5 * schur * (x - mean[0]) * (x - mean[0])
                logZ[i] shouldBe (closed plusOrMinus 1e-3)
                val condMean = mean[1] - p[1] / p[3] * (x - mean[0])
                val normal = 0.5 * ln(p[3] / (2 * PI)) - 0.5 * p[3] * (y - condMean) * (y - condMean)
                logP[i] shouldBe (normal plusOrMinus 1e-3)
            }
            metric.evaluate(energy, params, test) shouldBe (logP.average() plusOrMinus 1e-6)
        }
    }

    test("on the conditional MLP, p(y | x) by quadrature integrates to 1, and chunking changes nothing") {
        TestSupport.withManager { m ->
            TestSupport.seed(4)
            val energy = ConditionalMlpEnergy.builder().setFeatureDim(1).optHidden(16).build()
            val params = energy.initialize(m)
            val metric = ConditionalQuadratureLogLikelihood(-6.0, 6.0, 2001)
            val x = m.randomUniform(-3f, 3f, Shape(300, 1))
            val logZ = metric.logNormalisers(energy, params, x).toDoubles()
            // A finer rule on the same range gives the same Z: the integrand is resolved.
            val finer = ConditionalQuadratureLogLikelihood(-6.0, 6.0, 8001).logNormalisers(energy, params, x).toDoubles()
            logZ.indices.maxOf { abs(logZ[it] - finer[it]) } shouldBeLessThan 1e-3
            // 300 rows × 2001 points exceed one chunk: rows of a split batch equal rows evaluated alone.
            val single = metric.logNormalisers(energy, params, x.get("290:300")).toDoubles()
            for (i in 0 until 10) single[i] shouldBe (logZ[290 + i] plusOrMinus 1e-5)
            x.dataType shouldBe DataType.FLOAT32
        }
    }
})
