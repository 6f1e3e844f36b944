package org.ebmworkbench.engine.objective

import ai.djl.ndarray.NDArray
import ai.djl.ndarray.types.Shape
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.energy.QuadraticEnergy
import org.ebmworkbench.engine.objective.ContrastiveDivergence.ChainInit
import org.ebmworkbench.engine.sampler.DecoupledLangevinSampler
import org.ebmworkbench.engine.sampler.LangevinSampler
import org.ebmworkbench.engine.sampler.MalaSampler
import org.ebmworkbench.engine.tensor.Parameters
import org.ebmworkbench.engine.tensor.Tensors
import org.ebmworkbench.engine.train.OptimizerConfig
import org.ebmworkbench.engine.train.Trainer
import org.ebmworkbench.engine.train.TrainingResult
import java.util.SplittableRandom
import kotlin.math.abs
import kotlin.math.sqrt

/** Test-only: another energy plus a constant, which changes no gradient and no sample. */
private class ShiftedEnergy(private val base: EnergyModel, private val shift: Double) : EnergyModel by base {
    override fun energy(params: Parameters, x: NDArray): NDArray = base.energy(params, x).add(shift)
}

/**
 * Contrastive divergence: it recovers a Gaussian's parameters, ignores constants in the energy, starts its chains
 * where each [ChainInit] says, and owns its persistent state without leaking.
 */
class ContrastiveDivergenceSpec : FunSpec({
    // Data: 4096 draws of N(μ, Σ) with μ = (1, −0.5), Σ = [[1, 0.6], [0.6, 0.8]] (correlation 0.67).
    val mu = doubleArrayOf(1.0, -0.5)
    val sigma = arrayOf(doubleArrayOf(1.0, 0.6), doubleArrayOf(0.6, 0.8))
    val trueData: Dataset = run {
        val rng = SplittableRandom(21)
        val c10 = 0.6
        val c11 = sqrt(0.8 - 0.36) // Cholesky factor of Σ: [[1, 0], [0.6, 0.663]]
        val n = 4096
        val v = FloatArray(2 * n)
        for (i in 0 until n) {
            val z0 = TestSupport.gaussian(rng)
            val z1 = TestSupport.gaussian(rng)
            v[2 * i] = (mu[0] + z0).toFloat()
            v[2 * i + 1] = (mu[1] + c10 * z0 + c11 * z1).toFloat()
        }
        Dataset.of(v, n, 2)
    }
    val det = sigma[0][0] * sigma[1][1] - sigma[0][1] * sigma[1][0]
    val truePrecision = doubleArrayOf(sigma[1][1] / det, -sigma[0][1] / det, -sigma[1][0] / det, sigma[0][0] / det)

    test("CD-5 with MALA recovers the mean within 0.05 and the precision within 10 % on correlated Gaussian data") {
        TestSupport.withManager { m ->
            val energy = QuadraticEnergy(2, true)
            val cd = ContrastiveDivergence.builder().setSampler(MalaSampler.builder().optStepSize(0.2).build())
                .optSteps(5).build()
            val result = Trainer.builder().setEnergy(energy).setObjective(cd).setData(trueData).optBatchSize(512)
                .setSteps(800).optOptimizer(OptimizerConfig.adam(0.02)).optEma(0.99).optSeed(5).build().train(m)
            result.outcome() shouldBe TrainingResult.Outcome.COMPLETED
            val p = result.evaluationParameters()
            val mean = p.get(QuadraticEnergy.MEAN).toFloatArray()
            val precision = energy.precision(p).toFloatArray()
            // MALA leaves the model invariant, so CD's fixed point is the data's Gaussian fit: the error is the data's
            // sampling error (SE(mean) ≈ 0.016, relative SE(precision) ≈ √(2/n) ≈ 2 %) plus Adam's jitter (of order
            // lr = 0.02, averaged by the EMA over ~100 steps); the tolerances leave three times that.
            for (i in 0..1) withClue("mean[$i]") { mean[i].toDouble() shouldBe (mu[i] plusOrMinus 0.05) }
            val err = sqrt(precision.indices.sumOf { (precision[it] - truePrecision[it]).let { d -> d * d } })
            val norm = sqrt(truePrecision.sumOf { it * it })
            withClue("relative Frobenius error of the precision") { err / norm shouldBeLessThan 0.1 }
        }
    }

    fun cdLoss(energy: EnergyModel, energyL2: Double): Double = TestSupport.withManager { m ->
        TestSupport.seed(3)
        val params = energy.initialize(m).requireGradients()
        val batch = Tensors.fromRows(m, trueData.toArray(), trueData.size(), 2).get("0:256")
        val cd = ContrastiveDivergence.builder().setSampler(LangevinSampler.builder().optStepSize(0.1).build())
            .optEnergyL2(energyL2).build()
        val context = ObjectiveContext(energy, params, null, m, 0)
        cd.initialize(context)
        cd.beforeStep(context, batch)
        Tensors.scalar(cd.loss(context, batch).value())
    }

    test("adding a constant to the energy leaves the CD loss unchanged when energyL2 = 0 (and changes it otherwise)") {
        val base = QuadraticEnergy(2, true)
        val shifted = ShiftedEnergy(base, 5.0)
        // Same seed, same gradients, so the same negatives; the constant cancels between the two means (float32
        // rounding of energies near 10 is about 1e-6).
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

    test("persistent chains and the replay buffer leak nothing over a training run") {
        for (init in listOf(ChainInit.PERSISTENT, ChainInit.REPLAY_BUFFER)) {
            fun liveArrays(steps: Long): Int = TestSupport.withManager { m ->
                val cd = ContrastiveDivergence.builder().setSampler(LangevinSampler.builder().optStepSize(0.1).build())
                    .optChainInit(init).optBufferSize(256).build()
                Trainer.builder().setEnergy(QuadraticEnergy(2, true)).setObjective(cd).setData(trueData).optBatchSize(64)
                    .setSteps(steps).optSeed(1).optLogEvery(5).build().train(m)
                m.managedArrays.size
            }
            withClue(init) { liveArrays(30) shouldBe liveArrays(10) }
        }
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
