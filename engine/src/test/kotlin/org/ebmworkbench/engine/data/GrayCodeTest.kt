package org.ebmworkbench.engine.data

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.engine.check.InvalidParameterException
import kotlin.math.abs

/** The Gray code of 2-D points: decoding inverts encoding up to the quantisation, and plane neighbours are hypercube neighbours. */
class GrayCodeTest : FunSpec({
    test("encode then decode returns every point of a toy within half a level, Δ/2 = L/2^16") {
        val points = ToyDatasets.byName("two_moons").sample(5000, 3L)
        val code = GrayCode(GrayCode.referenceHalfWidth(points), GrayCode.DEFAULT_BITS_PER_COORDINATE)
        val bits = code.encode(points)
        bits.dim() shouldBe 32
        BinaryData.nonBinaryEntries(bits) shouldBe 0L
        val back = code.decode(bits)
        code.resolution() shouldBe 2 * code.halfWidth() / 65536
        var worst = 0.0
        for (i in 0 until points.size()) for (c in 0..1) worst = maxOf(worst, abs(back.get(i, c) - points.get(i, c).toDouble()))
        // float32 storage of the decoded centre adds at most one ulp of |x| ≤ L.
        worst shouldBeLessThanOrEqual code.resolution() / 2 + Math.ulp(code.halfWidth().toFloat()).toDouble()
    }

    test("consecutive levels differ in exactly one bit, and the code is a bijection on the levels") {
        val bits = 10
        val seen = HashSet<Int>()
        for (q in 0 until (1 shl bits)) {
            val g = GrayCode.gray(q)
            GrayCode.fromGray(g) shouldBe q
            seen += g
            if (q > 0) Integer.bitCount(g xor GrayCode.gray(q - 1)) shouldBe 1
        }
        seen.size shouldBe (1 shl bits)
    }

    test("points one level apart along a coordinate encode to codes at Hamming distance one") {
        val code = GrayCode(4.0, 16)
        val step = code.resolution()
        val xs = FloatArray(2 * 2000)
        for (k in 0 until 1000) {
            val x = -4.0 + (37 * k + 0.5) * step
            xs[4 * k] = x.toFloat(); xs[4 * k + 1] = 0.3f
            xs[4 * k + 2] = (x + step).toFloat(); xs[4 * k + 3] = 0.3f
        }
        val codes = code.encode(Dataset.of(xs, 2000, 2))
        for (k in 0 until 1000) {
            val distance = (0 until 32).count { codes.get(2 * k, it) != codes.get(2 * k + 1, it) }
            distance shouldBe 1
        }
    }

    test("points outside the range go to the end levels; the reference range is max |coordinate| + 2") {
        val code = GrayCode(1.0, 4)
        val codes = code.encode(Dataset.of(floatArrayOf(-7f, 9f), 1, 2))
        val back = code.decode(codes)
        back.get(0, 0).toDouble() shouldBe -1.0 + 0.5 * code.resolution()
        back.get(0, 1).toDouble() shouldBe 1.0 - 0.5 * code.resolution()
        GrayCode.referenceHalfWidth(Dataset.of(floatArrayOf(0.5f, -3f, 1f, 2f), 2, 2)) shouldBe 5.0
    }

    test("bad settings are rejected with the parameter named") {
        shouldThrow<InvalidParameterException> { GrayCode(0.0, 16) }.message shouldContain "grayCode.halfWidth"
        shouldThrow<InvalidParameterException> { GrayCode(1.0, 31) }.message shouldContain "grayCode.bitsPerCoordinate"
        shouldThrow<InvalidParameterException> { GrayCode(1.0, 8).encode(Dataset.of(FloatArray(3), 1, 3)) }
            .message shouldContain "grayCode.data"
    }
})
