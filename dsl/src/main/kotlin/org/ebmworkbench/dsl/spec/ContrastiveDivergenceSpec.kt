package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.engine.objective.ContrastiveDivergence
import org.ebmworkbench.engine.sampler.LangevinSampler
import org.ebmworkbench.engine.objective.ContrastiveDivergence.Builder as Defaults

/** Contrastive divergence and its variants; see [ContrastiveDivergenceSpec]. */
fun contrastiveDivergence(
    sampler: SamplerSpec = langevin(steps = Defaults.DEFAULT_STEPS),
    init: ChainInit = ChainInit.valueOf(Defaults.DEFAULT_CHAIN_INIT.name),
    energyL2: Double = Defaults.DEFAULT_ENERGY_L2,
    bufferSize: Int = Defaults.DEFAULT_BUFFER_SIZE,
    reinitFraction: Double = Defaults.DEFAULT_REINIT_FRACTION,
): ContrastiveDivergenceSpec = ContrastiveDivergenceSpec(sampler, init, energyL2, bufferSize, reinitFraction)

/** CD-k chains start at the data. */
val fromData: ChainInit = ChainInit.DATA

/** PCD: persistent chains. */
val persistent: ChainInit = ChainInit.PERSISTENT

/** Short-run chains from noise (the cell's proposal on binary data). */
val fromNoise: ChainInit = ChainInit.NOISE

/** Chains from a replay buffer. */
val replayBuffer: ChainInit = ChainInit.REPLAY_BUFFER

/** Where contrastive-divergence chains start each step (the engine's, by name). */
@Serializable
enum class ChainInit {
    /** CD-k: from the data batch (Hinton 2002). */
    @SerialName("data") DATA,

    /** PCD: persistent chains carried across parameter updates (Tieleman 2008). */
    @SerialName("persistent") PERSISTENT,

    /** Short-run MCMC from noise (Nijkamp et al. 2019): uniform on the data's range, or the proposal on binary data. */
    @SerialName("noise") NOISE,

    /** Replay buffer (Du & Mordatch 2019): most chains from a buffer, a fraction re-initialised from noise. */
    @SerialName("replay_buffer") REPLAY_BUFFER,
}

/**
 * Maximum likelihood with MCMC negatives (Hinton 2002; Song & Kingma 2021, arXiv 2101.03288): loss `mean E(x⁺) − mean E(x⁻) + α·mean(E(x⁺)² +
 * E(x⁻)²)` with [energyL2] = α (the ED 2-D baseline: 10 Langevin steps from the data, h = 0.01, α = 0.3).
 * [bufferSize] and [reinitFraction] apply to the replay buffer (Du & Mordatch: 10 000 and 0.05). Chains started
 * from noise draw it uniformly on the training data's range, except on binary training data (every value 0 or 1),
 * where they draw from the cell's proposal (a proposal on {0, 1}^D, e.g. the uniform one): continuous noise is not a
 * state there. A binary-state sampler (Gibbs, Gibbs-with-Gradients) needs binary training data, checked here.
 */
@Serializable
@SerialName("cd")
data class ContrastiveDivergenceSpec(
    val sampler: SamplerSpec,
    val init: ChainInit,
    val energyL2: Double,
    val bufferSize: Int,
    val reinitFraction: Double,
) : ObjectiveSpec {
    override val type: String get() = "cd"

    override fun build(context: BuildContext): ContrastiveDivergence {
        val chains = sampler.build(context)
        return Type.inDslNames {
            if (sampler.binaryStates) requireBinaryData("contrastiveDivergence", "the sampler ${chains.name()}", context)
            val values = context.train.toArray()
            val noise = if (isBinaryData(context)) ContrastiveDivergence.Noise.PROPOSAL else ContrastiveDivergence.Noise.BOX
            ContrastiveDivergence.builder().setSampler(chains).optSteps(sampler.steps).optNoise(noise)
                .optChainInit(ContrastiveDivergence.ChainInit.valueOf(init.name)).optEnergyL2(energyL2)
                .optBufferSize(bufferSize).optReinitFraction(reinitFraction)
                .optNoiseBox(values.min().toDouble(), values.max().toDouble()).build()
        }
    }

    override fun smoke(steps: Int) = copy(sampler = sampler.smoke(), bufferSize = minOf(bufferSize, SMOKE_BUFFER))

    object Type : ComponentType<ObjectiveSpec, ContrastiveDivergenceSpec>(
        Category.OBJECTIVE, ContrastiveDivergenceSpec::class, ContrastiveDivergenceSpec.serializer(), "contrastiveDivergence",
    ) {
        override val defaultSpec get() = contrastiveDivergence()
        override val engineClasses = listOf(ContrastiveDivergence::class.java)
        override val parameterNames = mapOf("steps" to "sampler.steps")

        override fun engineDefault(context: BuildContext): ContrastiveDivergence {
            val values = context.train.toArray()
            return ContrastiveDivergence.builder().setSampler(LangevinSampler.builder().build())
                .optNoiseBox(values.min().toDouble(), values.max().toDouble()).build()
        }

        override val entries get() = defaultSpec.let { cd ->
            listOf(
                "contrastiveDivergence(sampler, init, energyL2, bufferSize, reinitFraction)" to
                    "MLE with MCMC negatives; sampler = langevin(steps = ${cd.sampler.steps}); init = fromData (CD-k), " +
                    "persistent (PCD), fromNoise (short-run; the proposal on binary data) or replayBuffer (Du & Mordatch); " +
                    "energyL2 = ${cd.energyL2} " +
                    "(ED baseline 0.3), bufferSize = ${cd.bufferSize}, reinitFraction = ${cd.reinitFraction}.",
            )
        }
    }
}
