package org.ebmworkbench.engine.data

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain

class DatasetTest : FunSpec({
    // 3 rows, 2 columns: (1, 2), (3, 5), (5, 11)
    val values = floatArrayOf(1f, 2f, 3f, 5f, 5f, 11f)
    val d = Dataset.of(values, 3, 2)

    test("shape and element access are row-major") {
        d.size() shouldBe 3
        d.dim() shouldBe 2
        d.get(1, 0) shouldBe 3f
        d.get(2, 1) shouldBe 11f
        d.toArray().toList() shouldBe values.toList()
    }

    test("the dataset copies its input and toArray returns a copy") {
        val input = values.copyOf()
        val ds = Dataset.of(input, 3, 2)
        input[0] = 99f
        ds.get(0, 0) shouldBe 1f
        ds.toArray()[0] = 42f
        ds.get(0, 0) shouldBe 1f
    }

    test("mean and unbiased covariance match hand computation") {
        // means 3 and 6; deviations x: -2,0,2  y: -4,-1,5
        d.mean().toList() shouldBe listOf(3.0, 6.0)
        val c = d.covariance()
        c[0][0] shouldBe (8.0 / 2 plusOrMinus 1e-12)
        c[1][1] shouldBe (42.0 / 2 plusOrMinus 1e-12)
        c[0][1] shouldBe (18.0 / 2 plusOrMinus 1e-12)
        c[1][0] shouldBe c[0][1]
    }

    test("covariance of a single row is refused") {
        shouldThrow<IllegalStateException> { Dataset.of(floatArrayOf(1f, 2f), 1, 2).covariance() }
            .message shouldContain "at least 2 rows"
    }

    test("subset keeps the given order and allows repeats; head takes the first rows") {
        val s = d.subset(intArrayOf(2, 0, 2))
        s.toArray().toList() shouldBe listOf(5f, 11f, 1f, 2f, 5f, 11f)
        d.head(2).toArray().toList() shouldBe listOf(1f, 2f, 3f, 5f)
        d.head(3) shouldBe d
    }

    test("equality is by shape and content") {
        Dataset.of(values.copyOf(), 3, 2) shouldBe d
        Dataset.of(values.copyOf(), 3, 2).hashCode() shouldBe d.hashCode()
        Dataset.of(values.copyOf(), 2, 3) shouldNotBe d
    }

    test("invalid arguments give clear messages") {
        shouldThrow<IllegalArgumentException> { Dataset.of(values, 4, 2) }.message shouldContain "does not match n*dim"
        shouldThrow<IllegalArgumentException> { Dataset.of(FloatArray(0), 0, 2) }.message shouldContain "at least one row"
        shouldThrow<IllegalArgumentException> { Dataset.of(values, 6, 0) }.message shouldContain "at least one column"
        shouldThrow<IllegalArgumentException> { Dataset.of(floatArrayOf(1f, Float.NaN), 1, 2) }
            .message shouldContain "row 0, column 1 is NaN"
        shouldThrow<IllegalArgumentException> { d.get(3, 0) }.message shouldContain "row 3 out of range"
        shouldThrow<IllegalArgumentException> { d.get(0, 2) }.message shouldContain "column 2 out of range"
        shouldThrow<IllegalArgumentException> { d.subset(intArrayOf(0, -1)) }.message shouldContain "row -1 out of range"
        shouldThrow<IllegalArgumentException> { d.subset(IntArray(0)) }.message shouldContain "at least one row index"
        shouldThrow<IllegalArgumentException> { d.head(0) }.message shouldContain "head(0)"
        shouldThrow<IllegalArgumentException> { d.head(4) }.message shouldContain "size() = 3"
    }
})
