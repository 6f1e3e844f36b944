package org.ebmworkbench.engine.sampler

import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.Shape
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.floats.plusOrMinus as floatPlusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.energy.QuadraticEnergy
import org.ebmworkbench.engine.tensor.Parameters

/** E(x) = 0: zero gradient, so a Langevin step is pure noise (a reference run with the same draws). */
private object ZeroEnergy : EnergyModel {
    override fun inputDim() = 2
    override fun initialize(manager: NDManager): Parameters = Parameters.empty()
    override fun energy(params: Parameters, x: NDArray): NDArray = x.sum(intArrayOf(1)).mul(0)
    override fun describe() = "zero"
}

/**
 * The semantics of single options (gradient clipping, IGEBM's settings, the sample box) and the validation of every
 * builder; what all samplers promise is in the contract battery (org.ebmworkbench.engine.contract).
 */
class SamplerOptionsTest : FunSpec({
    val target = CorrelatedGaussian

    test("Langevin clips each gradient entry to ±c: the clipped step differs from pure noise by exactly −(h/2)·c·sign(g)") {
        TestSupport.withManager { m ->
            val unitPrecision = QuadraticEnergy(2, false)
            val params = unitPrecision.initialize(m) // mean 0, so ∇E(x) = x
            val start = m.create(floatArrayOf(100f, -100f, 0.1f, -0.2f), Shape(2, 2))
            val h = 0.1
            TestSupport.seed(11)
            val clipped = LangevinSampler.builder().optStepSize(h).optGradientClip(0.5).build()
                .run(unitPrecision, params, start, 1, m).samples()
            TestSupport.seed(11)
            val noiseOnly = LangevinSampler.builder().optStepSize(h).build()
                .run(ZeroEnergy, Parameters.empty(), start, 1, m).samples()
            // Row 1's gradient (100, −100) is clipped to (0.5, −0.5); row 2's (0.1, −0.2) lies inside the clip.
            val expected = floatArrayOf(-0.025f, 0.025f, -0.005f, 0.01f)
            clipped.sub(noiseOnly).toFloatArray().forEachIndexed { i, d -> d shouldBe (expected[i] floatPlusOrMinus 2e-5f) }
        }
    }

    test("IGEBM's settings: without noise one step moves by α·c per coordinate and stays in the box") {
        TestSupport.withManager { m ->
            val unitPrecision = QuadraticEnergy(2, false)
            val start = m.create(floatArrayOf(0.9f, 0.005f, 0.3f, 0.0f), Shape(2, 2))
            val step = DecoupledLangevinSampler.igebm().optNoise(0.0).build()
                .run(unitPrecision, unitPrecision.initialize(m), start, 1, m).samples().toFloatArray()
            // ∇E = x, clipped to ±0.01 then times α = 1: 0.9 → 0.89, 0.005 → 0 (its own size), 0.3 → 0.29, 0 → 0.
            val expected = floatArrayOf(0.89f, 0f, 0.29f, 0f)
            step.forEachIndexed { i, v -> v shouldBe (expected[i] floatPlusOrMinus 1e-6f) }
            // Noise of σ = 3 throws most coordinates out of [0, 1] each step; the box must bring them back to its faces.
            TestSupport.seed(12)
            val boxed = DecoupledLangevinSampler.builder().optStepSize(1.0).optNoise(3.0).optSampleBox(0.0, 1.0).build()
                .run(unitPrecision, unitPrecision.initialize(m), start, 5, m).samples().toFloatArray()
            boxed.all { it in 0f..1f } shouldBe true
            boxed.any { it == 0f || it == 1f } shouldBe true
        }
    }

    test("invalid options and arguments fail with the sampler and the option named") {
        shouldThrow<IllegalArgumentException> { LangevinSampler.builder().optStepSize(0.0).build() }
            .message!! shouldContain "langevin.stepSize must be > 0"
        shouldThrow<IllegalArgumentException> { DecoupledLangevinSampler.builder().optNoise(-1.0).build() }
            .message!! shouldContain "noise"
        shouldThrow<IllegalArgumentException> { DecoupledLangevinSampler.builder().optSampleBox(1.0, 0.0).build() }
            .message!! shouldContain "box"
        shouldThrow<IllegalArgumentException> { MalaSampler.builder().optStepSize(Double.NaN).build() }
            .message!! shouldContain "mala.stepSize must be > 0"
        shouldThrow<IllegalArgumentException> { HmcSampler.builder().optLeapfrogSteps(0).build() }
            .message!! shouldContain "hmc.leapfrogSteps must be ≥ 1"
        TestSupport.withManager { m ->
            shouldThrow<IllegalArgumentException> {
                MalaSampler.builder().build().run(target.energy, target.params(m), m.zeros(Shape(4, 3)), 1, m)
            }.message!! shouldContain "(chains, 2)"
            shouldThrow<IllegalArgumentException> {
                MalaSampler.builder().build().run(target.energy, target.params(m), m.zeros(Shape(4, 2)), 0, m)
            }.message!! shouldContain "steps must be >= 1"
        }
    }
})
