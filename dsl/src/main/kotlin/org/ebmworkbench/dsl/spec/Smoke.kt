package org.ebmworkbench.dsl.spec

/** Longest smoke run, in optimiser steps. */
internal const val SMOKE_STEPS = 60
internal const val SMOKE_EVERY = 20
internal const val SMOKE_TOY_N = 2_000
internal const val SMOKE_TOY_N_TEST = 1_000
internal const val SMOKE_PROPOSAL_SAMPLES = 128
internal const val SMOKE_GRID_RESOLUTION = 60
internal const val SMOKE_IS_SAMPLES = 2_000
internal const val SMOKE_MMD_SAMPLES = 200
internal const val SMOKE_WIDTH = 32
internal const val SMOKE_SAMPLER_STEPS = 5
internal const val SMOKE_BUFFER = 256

/**
 * A copy of this experiment shrunk so that every cell trains and evaluates in seconds on a CPU. The test
 * suite runs every shipped script this way, so a smoke run must exercise the same code paths as the full run
 * (same datasets, objective, proposal, metrics, activation), only smaller. Each component says how it shrinks (its
 * spec's `smoke()`); what they do today:
 *
 * - training: `steps → min(steps, 60)`; `epochs` are converted to the steps they imply on the shrunk toy
 *   data, `epochs × ⌈n / batch⌉` with the smallest `n`, then capped at 60 (exactly 60 when a dataset's size
 *   is unknown before loading, i.e. CSV); `evaluateEvery` and `logEvery → min(…, 20)`; batch, optimiser and EMA
 *   are kept;
 * - toy data: `n → min(n, 2000)`, `nTest → min(nTest, 1000)`; CSV files are used as they are;
 * - SNL: `proposalSamples` and `biasInitSamples → min(…, 128)`, its log-IS warm-up capped at half the steps so the
 *   SNL phase still runs; log-IS `proposalSamples` and NCE `noiseSamples → min(…, 128)` (NCE's `noisePerDatum` is
 *   kept: it scales with the batch, which is kept);
 * - CD: sampler steps → min(…, 5), replay buffer → min(…, 256); ED and score matching unchanged;
 * - metrics: grid `resolution → min(…, 60)` (box and selfCheck kept), IS `samples` and MSE `points → min(…, 2000)`,
 *   MMD `samples → min(…, 200)` and its sampler's steps → min(…, 5);
 * - MLP: every hidden width capped at 32 (depth kept);
 * - seeds: the first seed only.
 *
 * The name is unchanged; smoke cells still never overwrite full ones because their values, hence their cell
 * ids, differ. `smoke()` is idempotent: `x.smoke().smoke() == x.smoke()`.
 */
fun ExperimentSpec.smoke(): ExperimentSpec {
    val smokeDatasets = datasets.map { it.smoke() }
    return copy(datasets = smokeDatasets, seeds = seeds.take(1), variants = variants.map { it.smoke(smokeDatasets) })
}

private fun VariantSpec.smoke(smokeDatasets: List<DatasetSpec>): VariantSpec {
    val smokeTraining = training.smoke(smokeDatasets)
    return copy(
        energy = energy.smoke(),
        objective = objective.smoke(smokeTraining.steps!!),
        training = smokeTraining,
        metrics = metrics.map { it.smoke() },
    )
}

private fun TrainingSpec.smoke(smokeDatasets: List<DatasetSpec>): TrainingSpec {
    val steps = steps ?: epochs?.let { epochSteps(it, batch, smokeDatasets) } ?: SMOKE_STEPS
    return copy(
        steps = minOf(steps, SMOKE_STEPS),
        epochs = null,
        evaluateEvery = minOf(evaluateEvery, SMOKE_EVERY),
        logEvery = minOf(logEvery, SMOKE_EVERY),
    )
}

/** Steps that [epochs] passes take on the smallest toy dataset, or [SMOKE_STEPS] when a size is unknown. */
private fun epochSteps(epochs: Int, batch: Int, datasets: List<DatasetSpec>): Int {
    val sizes = datasets.map { it.knownSize ?: return SMOKE_STEPS }
    val stepsPerEpoch = (sizes.min().toLong() + batch - 1) / maxOf(batch, 1)
    return minOf(epochs.toLong() * stepsPerEpoch, SMOKE_STEPS.toLong()).toInt()
}
