package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** An MCMC sampler and how many transitions it runs per use ([steps]). */
@Serializable
sealed interface SamplerSpec {
    val steps: Int
}

/**
 * Langevin dynamics in the consistent form `x ← x − (h/2)∇E + √h ξ` with step [stepSize] = h; the ED 2-D CD
 * baseline uses 10 steps with h = 0.01. [gradientClip] > 0 clips every gradient entry to ±gradientClip (IGEBM's
 * ℓ∞ clip); 0 turns clipping off.
 */
@Serializable
@SerialName("langevin")
data class LangevinSpec(override val steps: Int = 10, val stepSize: Double = 0.01, val gradientClip: Double = 0.0) : SamplerSpec {
    init {
        Check.atLeast("langevin.steps", steps, 1)
        Check.positive("langevin.stepSize", stepSize)
        Check.atLeast("langevin.gradientClip", gradientClip, 0.0)
    }
}

/**
 * The decoupled step/noise Langevin of JEM and IGEBM, `x ← x − α∇E + σ ξ` (JEM: α = 1, σ = 0.01, 20 steps);
 * not a consistent discretisation. [gradientClip] > 0 clips every gradient entry to ±gradientClip; 0 = off.
 */
@Serializable
@SerialName("decoupled_langevin")
data class DecoupledLangevinSpec(
    override val steps: Int = 20,
    val stepSize: Double = 1.0,
    val noise: Double = 0.01,
    val gradientClip: Double = 0.0,
) : SamplerSpec {
    init {
        Check.atLeast("decoupledLangevin.steps", steps, 1)
        Check.positive("decoupledLangevin.stepSize", stepSize)
        Check.atLeast("decoupledLangevin.noise", noise, 0.0)
        Check.atLeast("decoupledLangevin.gradientClip", gradientClip, 0.0)
    }
}

/** Metropolis-adjusted Langevin: the Langevin proposal with step h plus an exact MH correction. */
@Serializable
@SerialName("mala")
data class MalaSpec(override val steps: Int = 10, val stepSize: Double = 0.01) : SamplerSpec {
    init {
        Check.atLeast("mala.steps", steps, 1)
        Check.positive("mala.stepSize", stepSize)
    }
}

/** Hamiltonian Monte Carlo with unit mass: [leapfrogSteps] leapfrog steps of size [stepSize], then MH. */
@Serializable
@SerialName("hmc")
data class HmcSpec(override val steps: Int = 10, val stepSize: Double = 0.05, val leapfrogSteps: Int = 5) : SamplerSpec {
    init {
        Check.atLeast("hmc.steps", steps, 1)
        Check.positive("hmc.stepSize", stepSize)
        Check.atLeast("hmc.leapfrogSteps", leapfrogSteps, 1)
    }
}

/** Where contrastive-divergence chains start each step. */
@Serializable
enum class ChainInit {
    /** CD-k: from the data batch (Hinton 2002). */
    @SerialName("data") DATA,

    /** PCD: persistent chains carried across parameter updates (Tieleman 2008). */
    @SerialName("persistent") PERSISTENT,

    /** Short-run MCMC from uniform noise on the data's range (Nijkamp et al. 2019). */
    @SerialName("noise") NOISE,

    /** Replay buffer (Du & Mordatch 2019): most chains from a buffer, a fraction re-initialised from noise. */
    @SerialName("replay_buffer") REPLAY_BUFFER,
}

/**
 * Maximum likelihood with MCMC negatives (methods.md §4.1): loss `mean E(x⁺) − mean E(x⁻) + α·mean(E(x⁺)² +
 * E(x⁻)²)` with [energyL2] = α (the ED 2-D baseline: 10 Langevin steps from the data, h = 0.01, α = 0.3).
 * [bufferSize] and [reinitFraction] apply to the replay buffer (Du & Mordatch: 10 000 and 0.05).
 */
@Serializable
@SerialName("cd")
data class ContrastiveDivergenceSpec(
    val sampler: SamplerSpec = LangevinSpec(),
    val init: ChainInit = ChainInit.DATA,
    val energyL2: Double = 0.0,
    val bufferSize: Int = 10_000,
    val reinitFraction: Double = 0.05,
) : ObjectiveSpec {
    init {
        Check.atLeast("contrastiveDivergence.energyL2", energyL2, 0.0)
        Check.atLeast("contrastiveDivergence.bufferSize", bufferSize, 1)
        Check.unitInterval("contrastiveDivergence.reinitFraction", reinitFraction)
    }

    override val type: String get() = "cd"
}
