package org.ebmworkbench.dsl.spec

// Objective factories of the DSL. Every public function in a `*Factories.kt` file must have a Catalogue
// entry (CatalogueSpec checks it). Defaults are the papers' (official code's) defaults.

/** Self-normalised log-likelihood; defaults from the SNL 2-D configuration. See [SnlSpec]. */
fun snl(
    proposalSamples: Int = 512,
    biasInitSamples: Int = 1024,
    logIsWarmupSteps: Int = 0,
    baseDistribution: Boolean = false,
): SnlSpec = SnlSpec(proposalSamples, biasInitSamples, logIsWarmupSteps, baseDistribution)

/** Noise-contrastive estimation with the cell's proposal as noise; see [NceSpec]. */
fun nce(noisePerDatum: Int = 1, noiseSamples: Int = 0): NceSpec = NceSpec(noisePerDatum, noiseSamples)

/** Energy discrepancy, Gaussian perturbation of variance [t]; see [EnergyDiscrepancySpec]. */
fun energyDiscrepancy(t: Double = 1.0, m: Int = 4, w: Double = 1.0): EnergyDiscrepancySpec = EnergyDiscrepancySpec(t, m, w)

/** The biased log-IS baseline; see [LogIsSpec]. */
fun logIs(proposalSamples: Int = 512): LogIsSpec = LogIsSpec(proposalSamples)

/** Exact score matching; see [ExactScoreMatchingSpec]. */
fun scoreMatching(): ExactScoreMatchingSpec = ExactScoreMatchingSpec

/** Denoising score matching; see [DenoisingScoreMatchingSpec]. */
fun denoisingScoreMatching(sigma: Double = 0.1): DenoisingScoreMatchingSpec = DenoisingScoreMatchingSpec(sigma)

/** Sliced score matching; see [SlicedScoreMatchingSpec]. */
fun slicedScoreMatching(
    projections: Int = 1,
    distribution: Projection = rademacher,
    varianceReduced: Boolean = false,
): SlicedScoreMatchingSpec = SlicedScoreMatchingSpec(projections, distribution, varianceReduced)

/** Contrastive divergence and its variants; see [ContrastiveDivergenceSpec]. */
fun contrastiveDivergence(
    sampler: SamplerSpec = langevin(),
    init: ChainInit = fromData,
    energyL2: Double = 0.0,
    bufferSize: Int = 10_000,
    reinitFraction: Double = 0.05,
): ContrastiveDivergenceSpec = ContrastiveDivergenceSpec(sampler, init, energyL2, bufferSize, reinitFraction)

/** CD-k chains start at the data. */
val fromData: ChainInit = ChainInit.DATA

/** PCD: persistent chains. */
val persistent: ChainInit = ChainInit.PERSISTENT

/** Short-run chains from noise. */
val fromNoise: ChainInit = ChainInit.NOISE

/** Chains from a replay buffer. */
val replayBuffer: ChainInit = ChainInit.REPLAY_BUFFER

/** Rademacher projections for [slicedScoreMatching]. */
val rademacher: Projection = Projection.RADEMACHER

/** Gaussian projections for [slicedScoreMatching]. */
val gaussianProjections: Projection = Projection.GAUSSIAN
