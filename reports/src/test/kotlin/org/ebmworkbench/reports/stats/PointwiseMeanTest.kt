package org.ebmworkbench.reports.stats

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe

class PointwiseMeanTest : FunSpec({
    test("curves are matched by x; non-finite values are skipped and n varies") {
        val m = PointwiseMean.of(listOf(
            doubleArrayOf(0.0, 10.0, 20.0) to doubleArrayOf(1.0, 2.0, Double.NaN),
            doubleArrayOf(0.0, 10.0) to doubleArrayOf(3.0, 4.0),
            doubleArrayOf(10.0, 30.0) to doubleArrayOf(6.0, 7.0),
        ))
        m.x.toList() shouldBe listOf(0.0, 10.0, 30.0)
        m.mean.toList() shouldBe listOf(2.0, 4.0, 7.0)
        m.n.toList() shouldBe listOf(2, 3, 1)
        m.std[0] shouldBe (Math.sqrt(2.0) plusOrMinus 1e-12)
        m.std[1] shouldBe (2.0 plusOrMinus 1e-12)
        m.std[2].isNaN() shouldBe true
        m.low[1] shouldBe (2.0 plusOrMinus 1e-12)
    }
})
