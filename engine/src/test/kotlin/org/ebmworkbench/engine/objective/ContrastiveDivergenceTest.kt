package org.ebmworkbench.engine.objective

import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.Shape
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.energy.QuadraticEnergy
import org.ebmworkbench.engine.objective.ContrastiveDivergence.ChainInit
import org.ebmworkbench.engine.sampler.DecoupledLangevinSampler
import org.ebmworkbench.engine.sampler.FourSiteBoltzmann
import org.ebmworkbench.engine.sampler.GibbsSampler
import org.ebmworkbench.engine.sampler.LangevinSampler
import org.ebmworkbench.engine.sampler.Sampler
import org.ebmworkbench.engine.sampler.SamplerResult
import org.ebmworkbench.engine.sampler.UniformBits
import org.ebmworkbench.engine.tensor.Parameters
import org.ebmworkbench.engine.tensor.Tensors
import kotlin.math.abs

/** Test-only: another energy plus a constant, which changes no gradient and no sample. */
private class ShiftedEnergy(private val base: EnergyModel, private val shift: Double) : EnergyModel by base {
    override fun energy(params: Parameters, x: NDArray): NDArray = base.energy(params, x).add(shift)
}

/**
 * Contrastive divergence, what is particular to it: where each [ChainInit] starts its chains, the energy penalty, the
 * lifecycle errors. Recovery, gradients, invariance and memory are in the contract battery
 * (org.ebmworkbench.engine.contract), which registers CD with data, persistent and replay-buffer chains.
 */
class ContrastiveDivergenceTest : FunSpec({
    val data = TestSupport.gaussianData(256, doubleArrayOf(1.0, -0.5), doubleArrayOf(1.0, 0.9), seed = 21)

    fun cdLoss(energy: EnergyModel, energyL2: Double): Double = TestSupport.withManager { m ->
        TestSupport.seed(3)
        val params = energy.initialize(m).requireGradients()
        val batch = Tensors.fromRows(m, data.toArray(), data.size(), 2)
        val cd = ContrastiveDivergence.builder().setSampler(LangevinSampler.builder().optStepSize(0.1).build())
            .optEnergyL2(energyL2).build()
        val context = ObjectiveContext(energy, params, null, m, 0)
        cd.initialize(context)
        cd.beforeStep(context, batch)
        Tensors.scalar(cd.loss(context, batch).value())
    }

    test("with energyL2 > 0 a constant in the energy changes the CD loss (the penalty sees energies, not differences)") {
        // Without the penalty the loss is invariant (the contract battery); the same harness shows the penalty is not.
        val base = QuadraticEnergy(2, true)
        val shifted = ShiftedEnergy(base, 5.0)
        cdLoss(shifted, 0.0) shouldBe (cdLoss(base, 0.0) plusOrMinus 1e-4)
        abs(cdLoss(shifted, 0.3) - cdLoss(base, 0.3)) shouldBeGreaterThan 0.1
    }

    /**
     * Negatives at steps 0, 1, 2 under a deterministic sampler that halves every coordinate (decoupled Langevin with
     * α = ½, σ = 0 on E = ½‖x‖², one step), batches full of 8, 16, 24 and noise on the box [1, 2]: where each chain
     * started can be read off its value.
     */
    fun negatives(init: ChainInit, configure: (ContrastiveDivergence.Builder) -> Unit = {}): List<FloatArray> =
        TestSupport.withManager { m ->
            TestSupport.seed(4)
            val halving = DecoupledLangevinSampler.builder().optStepSize(0.5).optNoise(0.0).build()
            val builder = ContrastiveDivergence.builder().setSampler(halving).optSteps(1).optChainInit(init)
                .optNoiseBox(1.0, 2.0)
            configure(builder)
            val cd = builder.build()
            val energy = QuadraticEnergy(2, false)
            val params = energy.initialize(m)
            cd.initialize(ObjectiveContext(energy, params, null, m, 0))
            (0..2).map { step ->
                val batch = m.full(Shape(64, 2), 8f * (step + 1))
                cd.beforeStep(ObjectiveContext(energy, params, null, m, step.toLong()), batch)
                cd.lastNegatives()!!.toFloatArray()
            }
        }

    fun FloatArray.shouldAllLieIn(low: Double, high: Double) =
        withClue("values ${min()}..${max()} within [$low, $high]") { all { it >= low && it <= high } shouldBe true }

    test("DATA starts every step at its batch; NOISE starts every step from the box") {
        negatives(ChainInit.DATA).forEachIndexed { step, n -> n.shouldAllLieIn(4.0 * (step + 1), 4.0 * (step + 1)) }
        negatives(ChainInit.NOISE).forEach { it.shouldAllLieIn(0.5, 1.0) }
    }

    test("PERSISTENT continues the previous step's chains, first from the data or from the box") {
        negatives(ChainInit.PERSISTENT)[2].shouldAllLieIn(1.0, 1.0) // 8 halved three times
        negatives(ChainInit.PERSISTENT) { it.optPersistentFromData(false) }[2].shouldAllLieIn(0.125, 0.25)
    }

    test("REPLAY_BUFFER writes the chains back and restarts the re-initialised fraction from the box") {
        // 64 draws from 4 rows reach every row each step (a row is missed with probability 4e-8), so after three
        // steps every stored value has been halved three times; with fraction 1 every chain is fresh noise halved once.
        negatives(ChainInit.REPLAY_BUFFER) { it.optBufferSize(4).optReinitFraction(0.0) }[2].shouldAllLieIn(0.125, 0.25)
        negatives(ChainInit.REPLAY_BUFFER) { it.optBufferSize(4).optReinitFraction(1.0) }[2].shouldAllLieIn(0.5, 1.0)
    }

    test("the loss passes on the sampler's diagnostics that it reports: no grad_norm from a gradient-free sampler") {
        fun diagnostics(sampler: Sampler, energy: EnergyModel, batch: (NDManager) -> NDArray): Set<String> =
            TestSupport.withManager { m ->
                TestSupport.seed(6)
                val cd = ContrastiveDivergence.builder().setSampler(sampler).optSteps(2).build()
                val context = ObjectiveContext(energy, energy.initialize(m), null, m, 0)
                cd.initialize(context)
                val b = batch(m)
                cd.beforeStep(context, b)
                cd.loss(context, b).diagnostics().keys
            }
        val gaussianBatch = { m: NDManager -> Tensors.fromRows(m, data.toArray(), data.size(), 2) }
        diagnostics(LangevinSampler.builder().build(), QuadraticEnergy(2, true), gaussianBatch) shouldBe
            setOf("energy_gap", SamplerResult.ACCEPTANCE_RATE, SamplerResult.GRAD_NORM)
        val binaryBatch = { m: NDManager -> FourSiteBoltzmann.uniformStart(m, 64) }
        diagnostics(GibbsSampler.builder().build(), FourSiteBoltzmann.energy, binaryBatch) shouldBe
            setOf("energy_gap", SamplerResult.ACCEPTANCE_RATE)
    }

    test("on binary data, noise-started chains from the proposal are binary states Gibbs accepts; box noise is not") {
        fun negatives(init: ChainInit, noise: ContrastiveDivergence.Noise, configure: ContrastiveDivergence.Builder.() -> Unit = {}) =
            TestSupport.withManager { m ->
                TestSupport.seed(12)
                val energy = FourSiteBoltzmann.energy
                val params = FourSiteBoltzmann.params(m)
                val cd = ContrastiveDivergence.builder().setSampler(GibbsSampler.builder().build()).optSteps(1)
                    .optChainInit(init).optNoise(noise).optNoiseBox(0.0, 1.0).optBufferSize(128).apply(configure).build()
                cd.initialize(ObjectiveContext(energy, params, UniformBits(4), m, 0))
                (0..1).map { step ->
                    cd.beforeStep(ObjectiveContext(energy, params, UniformBits(4), m, step.toLong()), FourSiteBoltzmann.uniformStart(m, 64))
                    cd.lastNegatives()!!.toFloatArray().toSet()
                }.last()
            }
        for (init in listOf(ChainInit.NOISE, ChainInit.REPLAY_BUFFER)) withClue(init) {
            negatives(init, ContrastiveDivergence.Noise.PROPOSAL) shouldBe setOf(0f, 1f)
            shouldThrow<IllegalArgumentException> { negatives(init, ContrastiveDivergence.Noise.BOX) }.message!! shouldContain "binary"
        }
        negatives(ChainInit.PERSISTENT, ContrastiveDivergence.Noise.PROPOSAL) { optPersistentFromData(false) } shouldBe setOf(0f, 1f)
        val noProposal = shouldThrow<IllegalStateException> {
            TestSupport.withManager { m ->
                val cd = ContrastiveDivergence.builder().setSampler(GibbsSampler.builder().build())
                    .optChainInit(ChainInit.NOISE).optNoise(ContrastiveDivergence.Noise.PROPOSAL).build()
                val context = ObjectiveContext(FourSiteBoltzmann.energy, FourSiteBoltzmann.params(m), null, m, 0)
                cd.initialize(context)
                cd.beforeStep(context, FourSiteBoltzmann.uniformStart(m, 8))
            }
        }
        noProposal.message!! shouldContain "needs a proposal"
    }

    test("loss without beforeStep, and invalid options, fail with clear messages") {
        TestSupport.withManager { m ->
            val energy = QuadraticEnergy(2, true)
            val cd = ContrastiveDivergence.builder().setSampler(LangevinSampler.builder().build()).build()
            val context = ObjectiveContext(energy, energy.initialize(m), null, m, 0)
            cd.initialize(context)
            shouldThrow<IllegalStateException> { cd.loss(context, m.zeros(Shape(4, 2))) }.message!! shouldContain "beforeStep"
        }
        shouldThrow<IllegalArgumentException> { ContrastiveDivergence.builder().build() }.message!! shouldContain "sampler"
        shouldThrow<IllegalArgumentException> {
            ContrastiveDivergence.builder().setSampler(LangevinSampler.builder().build()).optReinitFraction(1.5).build()
        }.message!! shouldContain "reinitFraction"
    }
})
