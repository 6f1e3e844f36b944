package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.engine.objective.EnergyDiscrepancy
import org.ebmworkbench.engine.objective.EnergyDiscrepancy.Builder as Defaults

/**
 * Energy discrepancy, Gaussian perturbation of variance [t]; see [EnergyDiscrepancySpec]. For another perturbation,
 * `energyDiscrepancy(perturbation, m, w)`.
 */
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

/**
 * Energy discrepancy with any [perturbation] (`bernoulliPerturbation(…)`, `gridPerturbation()`,
 * `poolingPerturbation(…)`, `gaussianPerturbation(…)`); [m] negatives (default 32, the discrete-ED papers'), stabiliser
 * [w]. A Gaussian perturbation gives the same spec as `energyDiscrepancy(t, m, w)`, so the same cell.
 */
fun energyDiscrepancy(
    perturbation: PerturbationSpec,
    m: Int = Defaults.DEFAULT_DISCRETE_M,
    w: Double = Defaults.DEFAULT_W,
): ObjectiveSpec =
    if (perturbation is GaussianPerturbationSpec) EnergyDiscrepancySpec(perturbation.t, m, w)
    else PerturbedEnergyDiscrepancySpec(perturbation, m, w)

/**
 * Energy discrepancy with a [perturbation] of its own (Schröder et al. 2023, arXiv 2307.06431; discrete perturbations
 * Schröder et al. 2024, arXiv 2412.01019): [m] negatives per data point, stabiliser [w] as in the continuous case. Its
 * short type is `ed-<perturbation>` (`ed-bernoulli`, `ed-grid`, `ed-pool`). A perturbation defined on binary states
 * needs binary training data, checked when the cell is built.
 */
@Serializable
@SerialName("ed_perturbed")
data class PerturbedEnergyDiscrepancySpec(val perturbation: PerturbationSpec, val m: Int, val w: Double) : ObjectiveSpec {
    override val type: String get() = "ed-${perturbation.label}"

    override fun build(context: BuildContext): EnergyDiscrepancy {
        val kernel = perturbation.build(context)
        return Type.inDslNames {
            if (kernel.binary()) requireBinaryData("energyDiscrepancy", PerturbationTypes.dslName(perturbation), context)
            EnergyDiscrepancy.builder().optPerturbation(kernel).optM(m).optW(w).build()
        }
    }

    object Type : ComponentType<ObjectiveSpec, PerturbedEnergyDiscrepancySpec>(
        Category.OBJECTIVE, PerturbedEnergyDiscrepancySpec::class, PerturbedEnergyDiscrepancySpec.serializer(),
        "energyDiscrepancy",
    ) {
        override val engineClasses = listOf(EnergyDiscrepancy::class.java)
        override val entries get() = listOf(
            "energyDiscrepancy(perturbation, m, w)" to
                "Energy discrepancy with a perturbation: bernoulliPerturbation, gridPerturbation, poolingPerturbation " +
                "(discrete ED, Schröder et al. 2024) or gaussianPerturbation; m = ${Defaults.DEFAULT_DISCRETE_M}, " +
                "w = ${Defaults.DEFAULT_W} (discrete-ED setting).",
        )
    }
}

/** The DSL name of a perturbation spec's factory, from the registry, for messages. */
private object PerturbationTypes {
    fun dslName(spec: PerturbationSpec): String =
        Components.of(Category.PERTURBATION).firstOrNull { it.specClass.isInstance(spec) }?.dslName ?: spec.label
}
