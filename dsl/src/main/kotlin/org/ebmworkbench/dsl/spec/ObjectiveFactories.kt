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
