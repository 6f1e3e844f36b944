package org.ebmworkbench.engine.contract

import ai.djl.engine.Engine
import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.DataType
import ai.djl.ndarray.types.Shape
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.contract.ObjectiveFixtures.toFloat64
import org.ebmworkbench.engine.energy.Activation
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.energy.MlpEnergy
import org.ebmworkbench.engine.objective.Objective
import org.ebmworkbench.engine.objective.ObjectiveContext
import org.ebmworkbench.engine.proposal.Proposal
import org.ebmworkbench.engine.tensor.Parameters
import java.util.SplittableRandom
import kotlin.math.abs

/**
 * Adding a constant to the energy leaves the loss of every objective flagged [ObjectiveEntry.invariantToEnergyConstant]
 * unchanged, draw for draw: ED and CD depend on energy differences only, score matching on ∇ₓE only, log-IS has the
 * constant cancel between mean E and log Ẑ. The objective's own parameters are held fixed, so for the others (NCE's c,
 * SNL's b, which absorb the constant only once trained) the loss must change, which also shows that the harness does
 * apply the shift. Float64, so "unchanged" means equal up to the rounding of adding the constant: |ΔL| ≤ 1e-9
 * (energies here are O(1), the shift 7.3, ε = 2e-16); a non-invariant loss moves by O(shift).
 */
class InvarianceContractTest : FunSpec({
    val mlp = MlpEnergy.builder().setInputDim(2).setHidden(8, 8).optActivation(Activation.SILU).build()
    val shift = 7.3

    fun batch(m: NDManager): NDArray {
        val rng = SplittableRandom(9)
        return m.create(DoubleArray(128) { 1.2 * TestSupport.gaussian(rng) }, Shape(64, 2))
    }

    /**
     * One step of the objective's lifecycle from a fresh start with fixed draws: initialize (with the float32 energy
     * parameters [initial], as the trainer does), beforeStep and loss at [params].
     */
    fun lossValue(objective: Objective, energy: EnergyModel, initial: Parameters, params: Parameters, q: Proposal,
                  x: NDArray, m: NDManager): Double {
        Engine.getInstance().setRandomSeed(77)
        // Resets per-run state (CD's persistent chains); the parameters it creates are discarded, [params] stay fixed.
        objective.initialize(ObjectiveContext(energy, initial, q, m, 0))
        val context = ObjectiveContext(energy, params, q, m, 0)
        objective.beforeStep(context, x)
        Engine.getInstance().newGradientCollector().use {
            return objective.loss(context, x).value().toType(DataType.FLOAT64, false).getDouble()
        }
    }

    for (entry in Registry.objectives) {
        val expectation = if (entry.invariantToEnergyConstant) "gives the same loss as E" else "changes the loss"
        entryTest(entry, "E + $shift $expectation") {
            TestSupport.withManager { m ->
                TestSupport.seed(3)
                val q = ObjectiveFixtures.proposal(entry, m, doubleArrayOf(0.0, 0.0), doubleArrayOf(1.5, 1.5))
                val objective = entry.make()
                val energyParams = mlp.initialize(m)
                val params = energyParams.plus(objective.initialize(ObjectiveContext(mlp, energyParams, q, m, 0))).toFloat64()
                val x = batch(m)
                val plain = lossValue(objective, mlp, energyParams, params, q, x, m)
                val shifted = lossValue(objective, ObjectiveFixtures.ShiftedEnergy(mlp, shift), energyParams, params, q, x, m)
                if (entry.invariantToEnergyConstant) {
                    shifted shouldBe (plain plusOrMinus 1e-9)
                } else {
                    abs(shifted - plain) shouldBeGreaterThan 0.1
                }
            }
        }
    }
})
