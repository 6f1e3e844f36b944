package org.ebmworkbench.engine.contract

import ai.djl.engine.Engine
import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.DataType
import ai.djl.ndarray.types.Shape
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeIn
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThanOrEqual
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.contract.ObjectiveFixtures.perturbed
import org.ebmworkbench.engine.contract.ObjectiveFixtures.toFloat64
import org.ebmworkbench.engine.energy.Activation
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.energy.IsingEnergy
import org.ebmworkbench.engine.energy.MlpEnergy
import org.ebmworkbench.engine.objective.EnergyDiscrepancy
import org.ebmworkbench.engine.objective.ObjectiveContext
import org.ebmworkbench.engine.tensor.Autograd
import org.ebmworkbench.engine.tensor.Parameters
import org.ebmworkbench.engine.train.OptimizerConfig
import org.ebmworkbench.engine.train.Trainer
import org.ebmworkbench.engine.train.TrainingListener
import org.ebmworkbench.engine.train.TrainingResult
import java.util.SplittableRandom
import kotlin.math.abs
import kotlin.math.ln
import kotlin.math.max

/**
 * Every registered perturbation, through energy discrepancy, keeps the promises of the estimator whatever its kernel.
 * Binary perturbations run on binary data (D = 12, every window of the pooling entry holding a mix of zeros and ones)
 * with the engine's Ising energy, the Gaussian on continuous data with a small MLP; all in float64.
 *  - the negatives: N·m rows of the batch's type, binary for a binary perturbation;
 *  - E + c gives the same loss, draw for draw (|ΔL| ≤ 1e-9, the rounding of adding c = 7.3 to O(1) energies);
 *  - the parameter gradient equals central finite differences (h = 1e-5, tolerance 1e-6 relative, as in
 *    GradientContractTest);
 *  - the w-bound: with w > 0 the loss is at least log w for any energy, here one whose wells sit exactly on the data,
 *    deepened by a factor k; with w = 0 the same energies drive the loss below any bound (it falls by more than
 *    10 from k = 25 to k = 100, linearly in k wherever no negative lands in a well: without the stabiliser finite-m ED
 *    is unbounded below);
 *  - memory: 6 000 training steps of ED with it (Ising or MLP, batch 64, m = 8) keep the live NDArrays from step 1 000
 *    on exactly steady and the floor of the RSS within 128 MB (see [MemoryReport]; the battery's objectives run the
 *    same probe for 20 000 steps).
 */
class PerturbationContractTest : FunSpec({
    val n = 32
    val m = 4
    val d = 12
    val shift = 7.3
    val ising = IsingEnergy.builder().setInputDim(d).build()
    val mlp = MlpEnergy.builder().setInputDim(2).setHidden(8).optActivation(Activation.SILU).build()

    /** Binary rows: one 1 in each window of three, at a random position (so no negative of pooling is forced). */
    fun binaryBatch(manager: NDManager): NDArray {
        val rng = SplittableRandom(11)
        val v = DoubleArray(n * d)
        for (i in 0 until n) for (w in 0 until d / 3) v[i * d + 3 * w + rng.nextInt(3)] = 1.0
        return manager.create(v, Shape(n.toLong(), d.toLong()))
    }

    fun continuousBatch(manager: NDManager): NDArray {
        val rng = SplittableRandom(9)
        return manager.create(DoubleArray(2 * n) { 1.2 * TestSupport.gaussian(rng) }, Shape(n.toLong(), 2))
    }

    class Setup(val energy: EnergyModel, val params: Parameters, val batch: NDArray)

    fun setup(entry: PerturbationEntry, manager: NDManager): Setup {
        TestSupport.seed(3)
        val energy = if (entry.binary) ising else mlp
        val params = energy.initialize(manager).let { p ->
            // Couplings of order 1, so that energies of data and negatives differ visibly.
            if (entry.binary) Parameters.builder().add(IsingEnergy.WEIGHT, p.get(IsingEnergy.WEIGHT).mul(30))
                .add(IsingEnergy.BIAS, manager.randomNormal(Shape(d.toLong()))).build() else p
        }.toFloat64()
        return Setup(energy, params, if (entry.binary) binaryBatch(manager) else continuousBatch(manager))
    }

    fun loss(entry: PerturbationEntry, energy: EnergyModel, params: Parameters, batch: NDArray, manager: NDManager,
             w: Double = 1.0): Double {
        Engine.getInstance().setRandomSeed(77)
        val ed = EnergyDiscrepancy.builder().optPerturbation(entry.make()).optM(m).optW(w).build()
        Engine.getInstance().newGradientCollector().use {
            return ed.loss(ObjectiveContext(energy, params, null, manager, 0), batch).value().toType(DataType.FLOAT64, false).getDouble()
        }
    }

    fun memory(entry: PerturbationEntry): MemoryReport = TestSupport.withManager { manager ->
        val rng = SplittableRandom(13)
        val dim = if (entry.binary) d else 2
        val values = FloatArray(1024 * dim) { if (entry.binary) (if (rng.nextBoolean()) 1f else 0f) else TestSupport.gaussian(rng).toFloat() }
        val data = org.ebmworkbench.engine.data.Dataset.of(values, 1024, dim)
        val samples = mutableListOf<NativeMemory.Sample>()
        val probe = object : TrainingListener {
            override fun onLog(step: Long, totalSteps: Long, wallSeconds: Double, values: Map<String, Double>) {
                if (step >= 1_000) samples.add(NativeMemory.sample())
            }
        }
        val result = Trainer.builder().setEnergy(if (entry.binary) ising else mlp)
            .setObjective(EnergyDiscrepancy.builder().optPerturbation(entry.make()).optM(8).build())
            .setData(data).optBatchSize(64).setSteps(6_000).optOptimizer(OptimizerConfig.adam(1e-3)).optEma(0.99)
            .optSeed(21).optLogEvery(500).addListener(probe).build().train(manager)
        result.outcome() shouldBe TrainingResult.Outcome.COMPLETED
        MemoryReport(result.wallSeconds(), samples)
    }

    for (entry in Registry.perturbations) {
        entryTest(entry, "ED: 6 000 training steps hold the live NDArrays and the RSS steady") {
            val report = memory(entry)
            println("memory [${entry.name}] $report")
            withClue(report) {
                report.arraysEnd shouldBeLessThanOrEqual report.arraysWarm
                report.residentLate - report.residentEarly shouldBeLessThanOrEqual (128L shl 20)
            }
        }

        entryTest(entry, "draws N·m negatives in the batch's type, binary for a binary perturbation") {
            TestSupport.withManager { manager ->
                val s = setup(entry, manager)
                TestSupport.seed(5)
                val negatives = entry.make().negatives(manager, s.batch, m)
                negatives.shape shouldBe Shape(n.toLong() * m, s.batch.shape[1])
                negatives.dataType shouldBe DataType.FLOAT64
                entry.make().binary() shouldBe entry.binary
                if (entry.binary) negatives.toDoubleArray().toSet().forEach { it shouldBeIn listOf(0.0, 1.0) }
            }
        }

        entryTest(entry, "ED: E + $shift gives the same loss, draw for draw") {
            TestSupport.withManager { manager ->
                val s = setup(entry, manager)
                val plain = loss(entry, s.energy, s.params, s.batch, manager)
                val shifted = loss(entry, ObjectiveFixtures.ShiftedEnergy(s.energy, shift), s.params, s.batch, manager)
                shifted shouldBe (plain plusOrMinus 1e-9)
            }
        }

        entryTest(entry, "ED: autograd gradient = central finite differences") {
            TestSupport.withManager { manager ->
                val s = setup(entry, manager)
                val ed = EnergyDiscrepancy.builder().optPerturbation(entry.make()).optM(m).build()
                Engine.getInstance().setRandomSeed(77)
                Engine.getInstance().newGradientCollector().use { c ->
                    c.backward(ed.loss(ObjectiveContext(s.energy, s.params, null, manager, 0), s.batch).value())
                }
                val analytic = s.params.names().associateWith { s.params.get(it).gradient.toDoubleArray() }
                s.params.arrays().forEach(Autograd::zeroGradient)
                val h = 1e-5
                var worst = 0.0
                for (name in s.params.names()) {
                    val a = analytic.getValue(name)
                    // Every entry of small tensors, every 7th of the D x D coupling matrix (the rest is alike).
                    for (i in a.indices step (if (a.size > 50) 7 else 1)) {
                        val up = loss(entry, s.energy, s.params.perturbed(manager, name, i, h), s.batch, manager)
                        val down = loss(entry, s.energy, s.params.perturbed(manager, name, i, -h), s.batch, manager)
                        worst = max(worst, abs((up - down) / (2 * h) - a[i]) / max(1.0, abs(a[i])))
                    }
                }
                worst shouldBeLessThan 1e-6
            }
        }

        entryTest(entry, "ED: with w > 0 the loss is at least log w for any energy; with w = 0 it is unbounded below") {
            TestSupport.withManager { manager ->
                val s = setup(entry, manager)
                // Wells exactly on the data: E(x) = −k Σᵢ exp(−‖x − xᵢ‖²/ℓ²) over the batch rows xᵢ, ℓ² = 0.05 (distinct
                // binary states are at least 1 apart, so a well is felt only at its own state).
                val rows = s.batch
                val spike = object : EnergyModel by s.energy {
                    override fun energy(params: Parameters, x: NDArray): NDArray {
                        val distances = x.expandDims(1).sub(rows.expandDims(0)).square().sum(intArrayOf(2))
                        return distances.div(-0.05).exp().sum(intArrayOf(1)).mul(-params.get("k").getDouble())
                    }
                }
                fun at(k: Double, w: Double) = loss(entry, spike, Parameters.builder()
                    .add("k", manager.create(k)).build(), rows, manager, w)
                for (k in listOf(1.0, 25.0, 100.0)) withClue("k = $k") {
                    for (w in listOf(1.0, 0.25)) withClue("w = $w") { at(k, w) shouldBeGreaterThanOrEqual ln(w) - 1e-9 }
                }
                withClue("w = 0 falls without bound as the wells deepen") { at(100.0, 0.0) shouldBeLessThan at(25.0, 0.0) - 10 }
            }
        }
    }
})
