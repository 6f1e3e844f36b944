package org.ebmworkbench.engine.data

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import java.util.SplittableRandom
import kotlin.math.sqrt

class PointBufferTest : FunSpec({
    fun rows(d: Dataset) = (0 until d.size()).map { d.get(it, 0) to d.get(it, 1) }

    test("shuffleRows permutes whole rows") {
        val buf = PointBuffer(50)
        for (i in 0 until 50) buf.set(i, i.toDouble(), -i.toDouble())
        buf.shuffleRows(SplittableRandom(1))
        val shuffled = rows(buf.toDataset())
        shuffled.sortedBy { it.first } shouldBe (0 until 50).map { it.toFloat() to -it.toFloat() }
        shuffled shouldNotBe (0 until 50).map { it.toFloat() to -it.toFloat() }
    }

    test("Fisher-Yates sends row 0 to each of 10 positions with probability 1/10") {
        val trials = 20_000
        val hits = IntArray(10)
        val rng = SplittableRandom(2)
        repeat(trials) {
            val buf = PointBuffer(10)
            for (i in 0 until 10) buf.set(i, i.toDouble(), 0.0)
            buf.shuffleRows(rng)
            hits[(0 until 10).first { buf.x(it) == 0.0 }]++
        }
        // Bernoulli(1/10): σ = sqrt(0.1 · 0.9)
        for (k in 0 until 10) hits[k].toDouble() / trials shouldBe (0.1 plusOrMinus fourSe(sqrt(0.09), trials))
    }
})
