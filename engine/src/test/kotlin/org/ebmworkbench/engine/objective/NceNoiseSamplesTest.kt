package org.ebmworkbench.engine.objective

import ai.djl.engine.Engine
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.Shape
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.energy.QuadraticEnergy
import org.ebmworkbench.engine.proposal.DiagonalGaussianProposal
import org.ebmworkbench.engine.tensor.Parameters
import java.util.SplittableRandom
import kotlin.math.exp
import kotlin.math.ln

/** NCE with a fixed number K of noise samples per step: ν = K / N, possibly fractional. */
class NceNoiseSamplesTest : FunSpec({
    val n = 16
    val energy = QuadraticEnergy(2, true)

    fun setUp(m: NDManager): Triple<Parameters, DiagonalGaussianProposal, DoubleArray> {
        val params = energy.initialize(m).plus(
            Parameters.builder().add(NoiseContrastiveEstimation.NORMALISER, m.create(0.3f)).build())
        val proposal = DiagonalGaussianProposal(m, doubleArrayOf(0.1, -0.2), doubleArrayOf(1.5, 1.2))
        val rng = SplittableRandom(9)
        return Triple(params, proposal, DoubleArray(2 * n) { TestSupport.gaussian(rng) })
    }

    fun loss(m: NDManager, o: NoiseContrastiveEstimation, params: Parameters, q: DiagonalGaussianProposal, x: DoubleArray): Double {
        Engine.getInstance().setRandomSeed(5)
        Engine.getInstance().newGradientCollector().use {
            return o.loss(ObjectiveContext(energy, params, q, m, 0), m.create(x.map { it.toFloat() }.toFloatArray(), Shape(n.toLong(), 2)))
                .value().getFloat().toDouble()
        }
    }

    test("K = νN noise samples per step give exactly the per-datum loss with the same draws") {
        TestSupport.withManager { m ->
            val (params, q, x) = setUp(m)
            loss(m, NoiseContrastiveEstimation.builder().optNoiseSamples(3 * n).build(), params, q, x) shouldBe
                (loss(m, NoiseContrastiveEstimation.builder().optNoisePerDatum(3).build(), params, q, x) plusOrMinus 1e-6)
        }
    }

    test("a fractional ν = K/N enters the logit as log ν, and the noise term is a sum over the K samples / N") {
        TestSupport.withManager { m ->
            val (params, q, x) = setUp(m)
            val k = 5
            val actual = loss(m, NoiseContrastiveEstimation.builder().optNoiseSamples(k).build(), params, q, x)
            // Reproduce the draws (the proposal samples are the loss's first random draw) and score them on the host.
            Engine.getInstance().setRandomSeed(5)
            val noise = q.sample(m, k)
            val data = m.create(x.map { it.toFloat() }.toFloatArray(), Shape(n.toLong(), 2))
            fun logits(points: ai.djl.ndarray.NDArray): DoubleArray {
                val e = energy.energy(params, points).toFloatArray()
                val lq = q.logProb(points).toFloatArray()
                return DoubleArray(e.size) { -e[it] - 0.3 - lq[it] - ln(k.toDouble() / n) }
            }
            fun softplus(z: Double) = if (z > 0) z + ln(1 + exp(-z)) else ln(1 + exp(z))
            val expected = (logits(data).sumOf { softplus(-it) } + logits(noise).sumOf { softplus(it) }) / n
            actual shouldBe (expected plusOrMinus 1e-4)
        }
    }

    test("a negative K is refused with the parameter's name") {
        shouldThrow<IllegalArgumentException> { NoiseContrastiveEstimation.builder().optNoiseSamples(-1).build() }
            .message!! shouldContain "noiseSamples"
    }
})
