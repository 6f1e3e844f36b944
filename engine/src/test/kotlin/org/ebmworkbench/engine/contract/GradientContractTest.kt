package org.ebmworkbench.engine.contract

import ai.djl.engine.Engine
import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.DataType
import ai.djl.ndarray.types.Shape
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.contract.ObjectiveFixtures.perturbed
import org.ebmworkbench.engine.contract.ObjectiveFixtures.toFloat64
import org.ebmworkbench.engine.energy.Activation
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.energy.MlpEnergy
import org.ebmworkbench.engine.energy.QuadraticEnergy
import org.ebmworkbench.engine.objective.Objective
import org.ebmworkbench.engine.objective.ObjectiveContext
import org.ebmworkbench.engine.tensor.Autograd
import org.ebmworkbench.engine.tensor.Parameters
import java.util.SplittableRandom
import kotlin.math.abs
import kotlin.math.max

/**
 * For every registered objective, the gradient the trainer back-propagates through the loss equals central finite
 * differences of that loss, for every parameter entry (energy and objective, e.g. NCE's c), in float64, on a tiny
 * MLP and on the quadratic energy. The random draws are common to all evaluations: the engine's generator is reseeded
 * identically before each, so the loss is a deterministic smooth function of the parameters. As in training,
 * beforeStep runs once before the loss (CD draws its negatives there, and they are constants of the loss).
 *
 * Tolerance: with h = 1e-5 the truncation error is O(h²·|L'''|) ≈ 1e-10 and the rounding error O(ε·|L|/h) ≈ 1e-10
 * in float64, so |FD − autograd| ≤ 1e-6·max(1, |autograd|) has four orders of margin, while a missing or wrong term
 * (e.g. the second-order path of score matching through the parameters) is of the size of the gradient itself.
 */
class GradientContractTest : FunSpec({
    val h = 1e-5
    val drawSeed = 1234

    val mlp = MlpEnergy.builder().setInputDim(2).setHidden(3).optActivation(Activation.SOFTPLUS).build()
    val quadratic = QuadraticEnergy(2, true)

    fun batch(m: NDManager): NDArray {
        val rng = SplittableRandom(5)
        return m.create(DoubleArray(32) { 1.5 * TestSupport.gaussian(rng) }, Shape(16, 2))
    }

    /** The loss at [context]'s parameters with the common random draws, inside a collector (score matching needs one). */
    fun lossValue(objective: Objective, context: ObjectiveContext, batch: NDArray): Double {
        Engine.getInstance().setRandomSeed(drawSeed)
        Engine.getInstance().newGradientCollector().use {
            return objective.loss(context, batch).value().toType(DataType.FLOAT64, false).getDouble()
        }
    }

    /** Autograd gradients of every parameter entry, as the trainer computes them (one backward of the loss). */
    fun autogradGradients(objective: Objective, context: ObjectiveContext, batch: NDArray): Map<String, DoubleArray> {
        Engine.getInstance().setRandomSeed(drawSeed)
        Engine.getInstance().newGradientCollector().use { c -> c.backward(objective.loss(context, batch).value()) }
        val params = context.parameters()
        return params.names().associateWith { params.get(it).gradient.toDoubleArray() }
            .also { params.arrays().forEach(Autograd::zeroGradient) }
    }

    // The run's log takes its columns from diagnosticNames() before the first step: a diagnostic not declared would
    // be refused there, and a declared one never reported would leave an empty column.
    for (entry in Registry.objectives) {
        entryTest(entry, "reports exactly the diagnostics it declares, each a scalar") {
            TestSupport.withManager { m ->
                TestSupport.seed(17)
                val q = ObjectiveFixtures.proposal(entry, m, doubleArrayOf(0.0, 0.0), doubleArrayOf(1.5, 1.5))
                val objective = entry.make()
                val energyParams = mlp.initialize(m)
                val params = energyParams.plus(objective.initialize(ObjectiveContext(mlp, energyParams, q, m, 0))).toFloat64()
                val context = ObjectiveContext(mlp, params, q, m, 0)
                val x = batch(m)
                objective.beforeStep(context, x)
                val diagnostics = Engine.getInstance().newGradientCollector().use { objective.loss(context, x).diagnostics() }
                diagnostics.keys shouldBe objective.diagnosticNames().toSet()
                objective.diagnosticNames().size shouldBe diagnostics.size
                diagnostics.values.forEach { it.shape shouldBe Shape() }
            }
        }
    }

    for ((energyName, energy) in listOf<Pair<String, EnergyModel>>("MLP 2-3-1" to mlp, "quadratic" to quadratic)) {
        for (entry in Registry.objectives) {
            entryTest(entry, "on the $energyName energy: autograd gradient = central finite differences") {
                TestSupport.withManager { m ->
                    TestSupport.seed(17)
                    val q = ObjectiveFixtures.proposal(entry, m, doubleArrayOf(0.0, 0.0), doubleArrayOf(1.5, 1.5))
                    val objective = entry.make()
                    val energyParams = energy.initialize(m).let { p ->
                        // Move the quadratic energy off its symmetric start (μ = 0, L = I) so every entry matters.
                        if (energy === quadratic) p.perturbed(m, QuadraticEnergy.FACTOR, 1, 0.3)
                            .perturbed(m, QuadraticEnergy.MEAN, 0, 0.2) else p
                    }
                    val objectiveParams = objective.initialize(ObjectiveContext(energy, energyParams, q, m, 0))
                    val params = energyParams.plus(objectiveParams).toFloat64()
                    val x = batch(m)
                    fun context(p: Parameters) = ObjectiveContext(energy, p, q, m, 0)
                    objective.beforeStep(context(params), x)

                    val first = autogradGradients(objective, context(params), x)
                    // A second pass gives the same: nothing from the first (inner or outer) pass lingers in .grad.
                    val second = autogradGradients(objective, context(params), x)
                    for (name in params.names()) second.getValue(name).toList() shouldBe first.getValue(name).toList()

                    var worst = 0.0
                    for (name in params.names()) {
                        val analytic = first.getValue(name)
                        for (i in analytic.indices) {
                            val up = lossValue(objective, context(params.perturbed(m, name, i, h)), x)
                            val down = lossValue(objective, context(params.perturbed(m, name, i, -h)), x)
                            val fd = (up - down) / (2 * h)
                            worst = max(worst, abs(fd - analytic[i]) / max(1.0, abs(analytic[i])))
                        }
                    }
                    worst shouldBeLessThan 1e-6
                }
            }
        }
    }
})
