package org.ebmworkbench.dsl.spec

import org.ebmworkbench.engine.check.Require

/**
 * The one check of the components defined on binary states only (discrete perturbations, Gibbs samplers): the
 * cell's training data must have every value exactly 0 or 1. Run once when the cell is built, so `ebm check` stops on
 * it with the dataset and the component named, and training never reads its batches back to check them.
 *
 * @param component the DSL name of the component that needs binary data, e.g. `bernoulliPerturbation`
 */
internal fun requireBinaryData(objective: String, component: String, context: BuildContext) {
    val offending = context.train.toArray().firstOrNull { it != 0f && it != 1f }
    Require.that(offending == null, objective, "data",
        "be binary (every value 0 or 1) for $component, which is defined on {0, 1}^D (use a binary dataset, or a " +
            "continuous component); a training value", offending ?: 0f)
}

/** Whether every value of the cell's training data is 0 or 1. */
internal fun isBinaryData(context: BuildContext): Boolean = context.train.toArray().all { it == 0f || it == 1f }
