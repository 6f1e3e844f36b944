package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** The training objective (a loss to minimise). [type] is the short label used in cell ids and reports. */
@Serializable
sealed interface ObjectiveSpec {
    val type: String
}

/**
 * Self-normalised log-likelihood (Senetaire, Jeha, Mattei, Frellsen, arXiv 2503.07021): maximises
 * `E_data[-E(x)] - b - exp(-b) Z + 1`, a lower bound of the log-likelihood that is tight at `b = log Z`, with
 * `Z` estimated without bias by importance sampling from the proposal.
 *
 * @property proposalSamples proposal samples per step for the estimate of `Z` (SNL 2-D config: 512).
 * @property biasInitSamples proposal samples used to initialise `b ← log Ẑ` (SNL 2-D config: 1024).
 * @property logIsWarmupSteps first steps that optimise the biased log-IS objective `Ē + log Ẑ` instead
 *   (the SNL code's `start_with_IS_until`; 0 = off).
 * @property baseDistribution use the proposal as base distribution, `p(x) ∝ q(x) exp(-E(x))`.
 */
@Serializable
@SerialName("snl")
data class SnlSpec(
    val proposalSamples: Int = 512,
    val biasInitSamples: Int = 1024,
    val logIsWarmupSteps: Int = 0,
    val baseDistribution: Boolean = false,
) : ObjectiveSpec {
    init {
        Check.atLeast("snl.proposalSamples", proposalSamples, 1)
        Check.atLeast("snl.biasInitSamples", biasInitSamples, 1)
        Check.atLeast("snl.logIsWarmupSteps", logIsWarmupSteps, 0)
    }

    override val type: String get() = "snl"
}

/**
 * Noise-contrastive estimation (Gutmann & Hyvärinen 2010, methods.md §4.3): logistic classification of data
 * against proposal samples, with a learned normaliser `c` (`log p = −E − c`): [noisePerDatum] samples per data point,
 * or, when [noiseSamples] > 0, that many per step whatever the batch size (ν = noiseSamples / batch, as the SNL code's
 * baseline draws its proposal samples).
 */
@Serializable
@SerialName("nce")
data class NceSpec(val noisePerDatum: Int = 1, val noiseSamples: Int = 0) : ObjectiveSpec {
    init {
        Check.atLeast("nce.noisePerDatum", noisePerDatum, 1)
        Check.atLeast("nce.noiseSamples", noiseSamples, 0)
    }

    override val type: String get() = "nce"
}

/**
 * Energy discrepancy with a Gaussian perturbation (Schröder et al. 2023, methods.md §3.2): [t] is the
 * VARIANCE of the perturbation, [m] the number of negatives per data point, [w] the stabiliser (0 allowed).
 * Defaults are the official 2-D setting t = 1, m = 4, w = 1.
 */
@Serializable
@SerialName("ed")
data class EnergyDiscrepancySpec(val t: Double = 1.0, val m: Int = 4, val w: Double = 1.0) : ObjectiveSpec {
    init {
        Check.positive("energyDiscrepancy.t", t)
        Check.atLeast("energyDiscrepancy.m", m, 1)
        Check.atLeast("energyDiscrepancy.w", w, 0.0)
    }

    override val type: String get() = "ed"
}

/** The biased log-IS baseline: minimises `Ē + log Ẑ` with Ẑ from [proposalSamples] proposal samples. */
@Serializable
@SerialName("log_is")
data class LogIsSpec(val proposalSamples: Int = 512) : ObjectiveSpec {
    init {
        Check.atLeast("logIs.proposalSamples", proposalSamples, 1)
    }

    override val type: String get() = "log_is"
}
