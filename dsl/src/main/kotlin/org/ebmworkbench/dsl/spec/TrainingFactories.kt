package org.ebmworkbench.dsl.spec

// Optimiser and metric factories of the DSL. Every public function in a `*Factories.kt` file must have a
// Catalogue entry (CatalogueSpec checks it).

/** Adam (Kingma & Ba) with PyTorch's defaults; [weightDecay] is an L2 term added to the gradient. */
fun adam(lr: Double = 1e-3, weightDecay: Double = 0.0, beta1: Double = 0.9, beta2: Double = 0.999): OptimizerSpec =
    OptimizerSpec(OptimizerKind.ADAM, lr, weightDecay, beta1, beta2)

/** AdamW (Loshchilov & Hutter) with PyTorch's defaults, including its decoupled weight decay of 0.01. */
fun adamW(lr: Double = 1e-3, weightDecay: Double = 0.01, beta1: Double = 0.9, beta2: Double = 0.999): OptimizerSpec =
    OptimizerSpec(OptimizerKind.ADAMW, lr, weightDecay, beta1, beta2)

/** Exact test log-likelihood by grid quadrature on `[-box, box]²`; see [GridLogLikelihoodSpec]. */
fun testLogLikelihoodGrid(box: Double = 6.0, resolution: Int = 300, selfCheck: Boolean = true): GridLogLikelihoodSpec =
    GridLogLikelihoodSpec(box, resolution, selfCheck)

/** Test log-likelihood with `log Z` by importance sampling from the proposal; see [IsLogLikelihoodSpec]. */
fun testLogLikelihoodIs(samples: Int = 20_000): IsLogLikelihoodSpec = IsLogLikelihoodSpec(samples)

/** MSE of the log-density on [points] fresh data points (ED protocol); toy datasets with a known density. */
fun mseLogDensity(points: Int = 5_000): MseLogDensitySpec = MseLogDensitySpec(points)

/** Squared MMD between [samples] model samples, drawn by [sampler] chains from the proposal, and test points. */
fun mmd(samples: Int = 1_000, sampler: SamplerSpec = mala(steps = 200)): MmdSpec = MmdSpec(samples, sampler)
