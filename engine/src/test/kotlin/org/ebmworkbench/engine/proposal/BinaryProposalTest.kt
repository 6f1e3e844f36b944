package org.ebmworkbench.engine.proposal

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.check.InvalidParameterException
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.engine.eval.ExactBinaryNll
import kotlin.math.exp
import kotlin.math.ln
import kotlin.math.sqrt

/** The proposals on {0, 1}^D: normalised over the hypercube, zero off it, and sampling what they score. */
class BinaryProposalTest : FunSpec({
    fun totalMass(q: Proposal): Double = TestSupport.withManager { m ->
        val states = ExactBinaryNll.states(m, 0, 1L shl q.dim(), q.dim())
        q.logProb(states).toFloatArray().sumOf { exp(it.toDouble()) }
    }

    fun checkMeans(q: Proposal, expected: DoubleArray) = TestSupport.withManager { m ->
        TestSupport.seed(11)
        val n = 100_000
        val x = q.sample(m, n)
        x.toFloatArray().all { it == 0f || it == 1f } shouldBe true
        val means = x.mean(intArrayOf(0)).toFloatArray()
        for (j in expected.indices) {
            // 5 standard errors of a Bernoulli mean.
            means[j].toDouble() shouldBe (expected[j] plusOrMinus 5 * sqrt(expected[j] * (1 - expected[j]) / n))
        }
    }

    test("uniform on {0, 1}^6: every state has log q = −6 log 2, the masses sum to 1, bits are fair coins") {
        val q = UniformBinaryProposal(6)
        totalMass(q) shouldBe (1.0 plusOrMinus 1e-5)
        TestSupport.withManager { m ->
            q.logProb(m.create(floatArrayOf(0f, 1f, 1f, 0f, 0f, 1f)).reshape(1, 6)).getFloat(0).toDouble() shouldBe
                (-6 * ln(2.0) plusOrMinus 1e-5)
        }
        checkMeans(q, DoubleArray(6) { 0.5 })
    }

    test("a fixed Bernoulli: normalised, its log q is the product of the bit probabilities, its samples have its means") {
        val p = doubleArrayOf(0.1, 0.5, 0.8, 0.95, 0.3)
        TestSupport.withManager { m ->
            val q = BernoulliProposal(m, p)
            totalMass(q) shouldBe (1.0 plusOrMinus 1e-5)
            val x = floatArrayOf(1f, 0f, 1f, 1f, 0f)
            val exact = p.indices.sumOf { if (x[it] == 1f) ln(p[it]) else ln(1 - p[it]) }
            q.logProb(m.create(x).reshape(1, 5)).getFloat(0).toDouble() shouldBe (exact plusOrMinus 1e-5)
            checkMeans(q, p)
        }
    }

    test("the data-mean Bernoulli has p = ε + (1 − 2ε)·mean, so a constant bit keeps probability ε or 1 − ε") {
        val rows = floatArrayOf(1f, 0f, 1f, 1f, 0f, 1f, 1f, 0f, 0f, 1f, 0f, 0f)
        val data = Dataset.of(rows, 4, 3)
        TestSupport.withManager { m ->
            val q = BernoulliProposal.fit(m, data, 0.01)
            // Column means 1, 0 and ½.
            val expected = doubleArrayOf(0.01 + 0.98 * 1.0, 0.01, 0.01 + 0.98 * 0.5)
            for (j in 0..2) q.probabilities()[j] shouldBe (expected[j] plusOrMinus 1e-12)
            totalMass(q) shouldBe (1.0 plusOrMinus 1e-5)
        }
    }

    test("rows off the hypercube have log q = −∞; non-binary data and bad ε are rejected by name") {
        TestSupport.withManager { m ->
            val x = m.create(floatArrayOf(0f, 1f, 0.5f, 1f, 1f, 1f)).reshape(2, 3)
            UniformBinaryProposal(3).logProb(x).toFloatArray()[0] shouldBe Float.NEGATIVE_INFINITY
            BernoulliProposal(m, doubleArrayOf(0.2, 0.3, 0.4)).logProb(x).toFloatArray()[0] shouldBe
                Float.NEGATIVE_INFINITY
            shouldThrow<InvalidParameterException> {
                BernoulliProposal.fit(m, Dataset.of(floatArrayOf(0f, 0.5f), 1, 2), 0.01)
            }.message shouldContain "bernoulli.data must be binary"
            shouldThrow<InvalidParameterException> {
                BernoulliProposal.fit(m, Dataset.of(floatArrayOf(0f, 1f), 1, 2), 0.0)
            }.message shouldContain "bernoulli.epsilon"
        }
    }
})
