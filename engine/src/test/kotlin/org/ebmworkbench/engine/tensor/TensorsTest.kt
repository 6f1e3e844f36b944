package org.ebmworkbench.engine.tensor

import ai.djl.ndarray.types.DataType
import ai.djl.ndarray.types.Shape
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.TestSupport.toDoubles
import kotlin.math.exp
import kotlin.math.ln

class TensorsTest : FunSpec({
    test("logSumExp is exact far from 0, -inf on a row of -inf, +inf with a +inf entry, in float32 and float64") {
        TestSupport.withManager { m ->
            val inf = Double.POSITIVE_INFINITY
            val rows = doubleArrayOf(
                1000.0, 1000.0, 999.0,
                -1000.0, -1001.0, -1002.0,
                -inf, -inf, -inf,
                -inf, 2.0, 0.5,
                1.0, inf, 3.0,
            )
            for (type in listOf(DataType.FLOAT32, DataType.FLOAT64)) {
                val x = m.create(rows, Shape(5, 3)).toType(type, false)
                val lse = Tensors.logSumExp(x, 1).toType(DataType.FLOAT64, false).toDoubleArray()
                lse[0] shouldBe (1000 + ln(2 + exp(-1.0)) plusOrMinus 1e-3)
                lse[1] shouldBe (-1000 + ln(1 + exp(-1.0) + exp(-2.0)) plusOrMinus 1e-3)
                lse[2] shouldBe -inf
                lse[3] shouldBe (ln(exp(2.0) + exp(0.5)) plusOrMinus 1e-5)
                lse[4] shouldBe inf
            }
        }
    }

    test("logSumExp passes the softmax as its gradient") {
        TestSupport.withManager { m ->
            val x = m.create(floatArrayOf(0f, 1f, 2f)).also { it.setRequiresGradient(true) }
            ai.djl.engine.Engine.getInstance().newGradientCollector().use { c -> c.backward(Tensors.logSumExp(x, 0)) }
            val z = exp(0.0) + exp(1.0) + exp(2.0)
            val g = x.gradient.toDoubles()
            for (i in 0..2) g[i] shouldBe (exp(i.toDouble()) / z plusOrMinus 1e-6)
        }
    }
})
