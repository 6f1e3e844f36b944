package org.ebmworkbench.engine.objective

import ai.djl.engine.Engine
import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.DataType
import ai.djl.ndarray.types.Shape
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import org.ebmworkbench.engine.TestSupport
import org.ebmworkbench.engine.energy.Activation
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.energy.MlpEnergy
import org.ebmworkbench.engine.objective.ObjectiveFixtures.toFloat64
import org.ebmworkbench.engine.tensor.Parameters
import java.util.SplittableRandom

/**
 * Adding a constant to the energy changes neither the ED loss (it depends on energy differences only) nor any
 * score-matching loss (they depend on ∇ₓE only), draw for draw. Float64, so "unchanged" means equal up to the
 * rounding of adding the constant: |ΔL| ≤ 1e-9 (energies here are O(1), the shift 7.3, ε = 2e-16).
 */
class ObjectiveInvarianceSpec : FunSpec({
    val mlp = MlpEnergy.builder().setInputDim(2).setHidden(8, 8).optActivation(Activation.SILU).build()

    fun batch(m: NDManager): NDArray {
        val rng = SplittableRandom(9)
        return m.create(DoubleArray(128) { 1.2 * TestSupport.gaussian(rng) }, Shape(64, 2))
    }

    fun lossValue(objective: Objective, energy: EnergyModel, params: Parameters, x: NDArray, m: NDManager): Double {
        Engine.getInstance().setRandomSeed(77)
        Engine.getInstance().newGradientCollector().use {
            return objective.loss(ObjectiveContext(energy, params, null, m, 0), x).value()
                .toType(DataType.FLOAT64, false).getDouble()
        }
    }

    val invariant: List<Pair<String, () -> Objective>> = listOf(
        "ED (w = 1)" to { EnergyDiscrepancy.builder().build() },
        "ED (w = 0)" to { EnergyDiscrepancy.builder().optW(0.0).build() },
        "exact SM" to { ExactScoreMatching.builder().build() },
        "DSM" to { DenoisingScoreMatching.builder().build() },
        "SSM" to { SlicedScoreMatching.builder().optNumProjections(3).build() },
        "SSM-VR" to { SlicedScoreMatching.builder().optVarianceReduced(true).build() },
    )

    for ((name, make) in invariant) {
        test("$name: E + 7.3 gives the same loss as E") {
            TestSupport.withManager { m ->
                TestSupport.seed(3)
                val params = mlp.initialize(m).toFloat64()
                val x = batch(m)
                val objective = make()
                val plain = lossValue(objective, mlp, params, x, m)
                val shifted = lossValue(objective, ObjectiveFixtures.ShiftedEnergy(mlp, 7.3), params, x, m)
                shifted shouldBe (plain plusOrMinus 1e-9)
                // Control: a different draw gives a different loss, so the equality above is not vacuous.
                Engine.getInstance().setRandomSeed(78)
                val other = Engine.getInstance().newGradientCollector().use {
                    objective.loss(ObjectiveContext(mlp, params, null, m, 0), x).value().toType(DataType.FLOAT64, false).getDouble()
                }
                if (objective !is ExactScoreMatching) other shouldNotBe plain
            }
        }
    }
})
