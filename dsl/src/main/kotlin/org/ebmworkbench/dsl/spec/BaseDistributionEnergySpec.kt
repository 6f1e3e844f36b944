package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.engine.energy.BaseDistributionEnergy

/** [energy] tilted by the base distribution [base]: `E(x) = f(x) − log p0(x)`; see [BaseDistributionEnergySpec]. */
fun withBaseDistribution(energy: EnergySpec, base: ProposalSpec): BaseDistributionEnergySpec = BaseDistributionEnergySpec(energy, base)

/**
 * The energy `f(x) − log p0(x)` of [energy] `f` and a normalised base distribution `p0` ([base], any proposal, fitted
 * to the cell's training data where it is a fitted one): `p(x) ∝ p0(x)·exp(−f(x))`, whatever the objective. Discrete
 * ED's Gray-code models subtract the log-density of the data-mean Bernoulli this way (Schröder et al. 2024,
 * arXiv 2412.01019). SNL's `baseDistribution = true` is the same tilt by the cell's proposal.
 */
@Serializable
@SerialName("base_distribution")
data class BaseDistributionEnergySpec(val energy: EnergySpec, val base: ProposalSpec) : EnergySpec {
    override fun build(context: BuildContext) = Type.inDslNames { BaseDistributionEnergy(energy.build(context), base.build(context)) }

    override fun smoke() = copy(energy = energy.smoke())

    object Type : ComponentType<EnergySpec, BaseDistributionEnergySpec>(
        Category.ENERGY, BaseDistributionEnergySpec::class, BaseDistributionEnergySpec.serializer(), "withBaseDistribution",
    ) {
        override val engineClasses = listOf(BaseDistributionEnergy::class.java)
        override val entries get() = listOf(
            "withBaseDistribution(energy, base)" to "Energy f(x) − log p0(x) with base distribution p0 = base (a proposal, " +
                "e.g. the data-mean Bernoulli for discrete models): p ∝ p0·exp(−f), for any objective.",
        )
    }
}
