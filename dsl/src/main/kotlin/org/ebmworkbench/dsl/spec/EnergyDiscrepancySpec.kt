package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.engine.objective.EnergyDiscrepancy
import org.ebmworkbench.engine.objective.EnergyDiscrepancy.Builder as Defaults

/** Energy discrepancy, Gaussian perturbation of variance [t]; see [EnergyDiscrepancySpec]. */
fun energyDiscrepancy(
    t: Double = Defaults.DEFAULT_T,
    m: Int = Defaults.DEFAULT_M,
    w: Double = Defaults.DEFAULT_W,
): EnergyDiscrepancySpec = EnergyDiscrepancySpec(t, m, w)

/**
 * Energy discrepancy with a Gaussian perturbation (Schröder et al. 2023, arXiv 2307.06431): [t] is the
 * VARIANCE of the perturbation, [m] the number of negatives per data point, [w] the stabiliser (0 allowed).
 * Defaults are the official 2-D setting t = 1, m = 4, w = 1.
 */
@Serializable
@SerialName("ed")
data class EnergyDiscrepancySpec(val t: Double, val m: Int, val w: Double) : ObjectiveSpec {
    override val type: String get() = "ed"

    override fun build(context: BuildContext) = Type.inDslNames {
        EnergyDiscrepancy.builder().optT(t).optM(m).optW(w).build()
    }

    object Type : ComponentType<ObjectiveSpec, EnergyDiscrepancySpec>(
        Category.OBJECTIVE, EnergyDiscrepancySpec::class, EnergyDiscrepancySpec.serializer(), "energyDiscrepancy",
    ) {
        override val defaultSpec get() = energyDiscrepancy()
        override val engineClasses = listOf(EnergyDiscrepancy::class.java)
        override fun engineDefault(context: BuildContext) = EnergyDiscrepancy.builder().build()
        override val entries get() = defaultSpec.let { s ->
            listOf(
                "energyDiscrepancy(t, m, w)" to
                    "Energy discrepancy (Schröder et al. 2023), Gaussian perturbation with VARIANCE t; m negatives, " +
                    "stabiliser w (0 allowed); defaults t = ${s.t}, m = ${s.m}, w = ${s.w} (official 2-D setting).",
            )
        }
    }
}
