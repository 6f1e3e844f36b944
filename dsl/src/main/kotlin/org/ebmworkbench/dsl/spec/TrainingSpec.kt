package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/**
 * How long and how a cell trains. Exactly one of [steps] (optimiser updates) and [epochs] (passes over the
 * training set) is set.
 *
 * @property ema decay of the exponential moving average of the parameters (e.g. 0.999), or null for none;
 *   when set, metrics are computed on the EMA parameters.
 * @property evaluateEvery steps between metric evaluations (the final step is always evaluated).
 * @property logEvery steps between training-diagnostic log lines.
 * @property freshSamples draw a fresh data batch from the toy generator at every step instead of
 *   iterating over a fixed training set (the ED 2-D protocol).
 */
@Serializable
data class TrainingSpec(
    val steps: Int? = null,
    val epochs: Int? = null,
    val batch: Int = 128,
    val optimizer: OptimizerSpec = OptimizerSpec(),
    val ema: Double? = null,
    val evaluateEvery: Int = 1000,
    val logEvery: Int = 100,
    val freshSamples: Boolean = false,
) {
    init {
        Check.that((steps == null) != (epochs == null)) {
            if (steps == null) "train needs exactly one of train.steps or train.epochs, neither was set"
            else "train needs exactly one of train.steps or train.epochs, both were set ($steps, $epochs)"
        }
        steps?.let { Check.atLeast("train.steps", it, 1) }
        epochs?.let { Check.atLeast("train.epochs", it, 1) }
        Check.atLeast("train.batch", batch, 1)
        ema?.let { Check.unitInterval("train.ema", it) }
        Check.atLeast("train.evaluateEvery", evaluateEvery, 1)
        Check.atLeast("train.logEvery", logEvery, 1)
    }
}

/** Gradient-based optimisers. */
@Serializable
enum class OptimizerKind {
    /** Adam; [OptimizerSpec.weightDecay] is an L2 penalty added to the gradient. */
    @SerialName("adam") ADAM,

    /** AdamW; [OptimizerSpec.weightDecay] is decoupled from the gradient (Loshchilov & Hutter). */
    @SerialName("adamw") ADAMW,
}

/** Optimiser and its hyper-parameters (PyTorch's names and defaults, lr 1e-3). */
@Serializable
data class OptimizerSpec(
    val kind: OptimizerKind = OptimizerKind.ADAM,
    val lr: Double = 1e-3,
    val weightDecay: Double = 0.0,
    val beta1: Double = 0.9,
    val beta2: Double = 0.999,
) {
    init {
        val p = if (kind == OptimizerKind.ADAM) "adam" else "adamW"
        Check.positive("$p.lr", lr)
        Check.atLeast("$p.weightDecay", weightDecay, 0.0)
        Check.unitInterval("$p.beta1", beta1)
        Check.unitInterval("$p.beta2", beta2)
    }
}
