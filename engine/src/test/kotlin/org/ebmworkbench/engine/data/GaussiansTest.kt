package org.ebmworkbench.engine.data

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import java.util.SplittableRandom
import kotlin.math.sqrt

class GaussiansTest : FunSpec({
    val n = 200_000

    test("Box-Muller draws are standard normal: mean 0, variance 1, Φ(1.96) = 0.975") {
        val rng = SplittableRandom(11)
        val z = DoubleArray(n) { Gaussians.next(rng) }
        z.average() shouldBe (0.0 plusOrMinus fourSe(1.0, n)) // σ = 1
        // var(Z²) = 2, so SE of the variance is sqrt(2/n)
        z.sampleVariance() shouldBe (1.0 plusOrMinus fourSe(sqrt(2.0), n))
        // Bernoulli(0.975): σ = sqrt(0.975 · 0.025)
        z.count { it < 1.96 }.toDouble() / n shouldBe (0.9750021 plusOrMinus fourSe(sqrt(0.975 * 0.025), n))
        // E[Z^4] = 3 with var(Z^4) = 105 - 9 = 96
        z.map { it * it * it * it }.average() shouldBe (3.0 plusOrMinus fourSe(sqrt(96.0), n))
    }

    test("the stream is fixed by the seed") {
        val a = SplittableRandom(5)
        val b = SplittableRandom(5)
        val c = SplittableRandom(6)
        val xs = List(10) { Gaussians.next(a) }
        xs shouldBe List(10) { Gaussians.next(b) }
        xs shouldNotBe List(10) { Gaussians.next(c) }
    }
})
