package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.engine.energy.BaseDistributionEnergy
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.objective.SelfNormalisedLikelihood
import org.ebmworkbench.engine.proposal.Proposal
import org.ebmworkbench.engine.objective.SelfNormalisedLikelihood.Builder as Defaults

/** Self-normalised log-likelihood; defaults from the SNL 2-D configuration. See [SnlSpec]. */
fun snl(
    proposalSamples: Int = Defaults.DEFAULT_PROPOSAL_SAMPLES,
    biasInitSamples: Int = Defaults.DEFAULT_BIAS_INIT_SAMPLES,
    logIsWarmupSteps: Int = Defaults.DEFAULT_LOG_IS_WARMUP_STEPS,
    baseDistribution: Boolean = false,
): SnlSpec = SnlSpec(proposalSamples, biasInitSamples, logIsWarmupSteps, baseDistribution)

/**
 * Self-normalised log-likelihood (Senetaire, Jeha, Mattei, Frellsen, arXiv 2503.07021): maximises
 * `E_data[-E(x)] - b - exp(-b) Z + 1`, a lower bound of the log-likelihood that is tight at `b = log Z`, with
 * `Z` estimated without bias by importance sampling from the proposal.
 *
 * @property proposalSamples proposal samples per step for the estimate of `Z`.
 * @property biasInitSamples proposal samples used to initialise `b ← log Ẑ`.
 * @property logIsWarmupSteps first steps that optimise the biased log-IS objective `Ē + log Ẑ` instead
 *   (the SNL code's `start_with_IS_until`; 0 = off).
 * @property baseDistribution use the proposal as base distribution, `p(x) ∝ q(x) exp(-E(x))`.
 */
@Serializable
@SerialName("snl")
data class SnlSpec(
    val proposalSamples: Int,
    val biasInitSamples: Int,
    val logIsWarmupSteps: Int,
    val baseDistribution: Boolean,
) : ObjectiveSpec {
    override val type: String get() = "snl"

    override fun build(context: BuildContext) = Type.inDslNames {
        SelfNormalisedLikelihood.builder().optProposalSamples(proposalSamples).optBiasInitSamples(biasInitSamples)
            .optLogIsWarmupSteps(logIsWarmupSteps).build()
    }

    override fun modelEnergy(base: EnergyModel, proposal: Proposal): EnergyModel =
        if (baseDistribution) BaseDistributionEnergy(base, proposal) else base

    /** The warm-up is capped at half the steps so the SNL phase still runs. */
    override fun smoke(steps: Int) = copy(
        proposalSamples = minOf(proposalSamples, SMOKE_PROPOSAL_SAMPLES),
        biasInitSamples = minOf(biasInitSamples, SMOKE_PROPOSAL_SAMPLES),
        logIsWarmupSteps = minOf(logIsWarmupSteps, steps / 2),
    )

    object Type : ComponentType<ObjectiveSpec, SnlSpec>(Category.OBJECTIVE, SnlSpec::class, SnlSpec.serializer(), "snl") {
        override val defaultSpec get() = snl()
        override val engineClasses = listOf(SelfNormalisedLikelihood::class.java, BaseDistributionEnergy::class.java)
        override fun engineDefault(context: BuildContext) = SelfNormalisedLikelihood.builder().build()
        override val entries get() = defaultSpec.let { s ->
            listOf(
                "snl(proposalSamples, biasInitSamples, logIsWarmupSteps, baseDistribution)" to
                    "Self-normalised log-likelihood (Senetaire et al., arXiv 2503.07021); proposalSamples = " +
                    "${s.proposalSamples}, biasInitSamples = ${s.biasInitSamples}, logIsWarmupSteps = " +
                    "${s.logIsWarmupSteps}, baseDistribution = ${s.baseDistribution} (SNL 2-D config).",
            )
        }
    }
}
