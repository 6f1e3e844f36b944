package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.engine.data.ToyDataset
import org.ebmworkbench.engine.train.OptimizerConfig
import org.ebmworkbench.engine.train.Trainer

/**
 * How long and how a cell trains. Exactly one of [steps] (optimiser updates) and [epochs] (passes over the
 * training set) is set. Every value is checked by the engine's `Trainer.Builder` (see [configure]); `ebm check`
 * builds it for every cell, so a bad value is reported before anything trains.
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
    val batch: Int = Trainer.Builder.DEFAULT_BATCH_SIZE,
    val optimizer: OptimizerSpec = adam(),
    val ema: Double? = null,
    val evaluateEvery: Int = DEFAULT_EVALUATE_EVERY,
    val logEvery: Int = Trainer.Builder.DEFAULT_LOG_EVERY,
    val freshSamples: Boolean = false,
) {
    /**
     * Sets these values on [builder]; [generator] is the toy generator fresh samples come from (null for a file).
     * Engine range errors come back in the DSL's names (`train.batch must …`).
     */
    fun configure(builder: Trainer.Builder, generator: ToyDataset?, datasetLabel: String) {
        val engineOptimizer = optimizer.build()
        inTrainNames {
            builder.optBatchSize(batch).optOptimizer(engineOptimizer).optLogEvery(logEvery)
            steps?.let { builder.setSteps(it.toLong()) }
            epochs?.let { builder.setEpochs(it) }
            ema?.let { builder.optEma(it) }
            if (freshSamples) {
                builder.optFreshSamples(generator ?: throw SpecException(
                    "train.freshSamples needs a toy dataset generator; $datasetLabel is a fixed sample", "freshSamples"))
            }
        }
    }

    companion object {
        /** Steps between metric evaluations (the DSL's; the engine evaluates only when asked). */
        const val DEFAULT_EVALUATE_EVERY = 1000

        /** The engine's trainer names → the fields of `train { }`. */
        private val NAMES = mapOf("batchSize" to "batch")

        /** [block] with the trainer's range errors in the names of `train { }`. */
        fun <T> inTrainNames(block: () -> T): T = try {
            block()
        } catch (e: org.ebmworkbench.engine.check.InvalidParameterException) {
            throw SpecException.of(e, "train", NAMES)
        }

        /** `ebm list`'s lines for `train { }` and its optimisers. */
        val entries: List<CatalogueEntry>
            get() {
                val t = TrainingSpec()
                val train = CatalogueEntry(
                    "train", "train { steps | epochs, batch, optimizer, ema, evaluateEvery, logEvery, freshSamples }",
                    "exactly one of steps (optimiser updates) or epochs (passes over the training set); batch = ${t.batch} " +
                        "(at most the training set's size), optimizer = adam(), ema = ${t.ema} (e.g. 0.999; in (0, 1)), " +
                        "evaluateEvery = ${t.evaluateEvery}, logEvery = ${t.logEvery}, freshSamples = ${t.freshSamples} " +
                        "(true: a fresh toy batch every step; needs steps).",
                )
                fun doc(o: OptimizerSpec, what: String) =
                    "$what; lr = ${o.lr}, weightDecay = ${o.weightDecay}, beta1 = ${o.beta1}, beta2 = ${o.beta2} (PyTorch defaults)."
                return listOf(
                    train,
                    CatalogueEntry("optimizer", "adam(lr, weightDecay, beta1, beta2)", doc(adam(), "Adam, weight decay as L2 gradient term")),
                    CatalogueEntry("optimizer", "adamW(lr, weightDecay, beta1, beta2)", doc(adamW(), "AdamW, decoupled weight decay")),
                )
            }
    }
}

/** Adam (Kingma & Ba) with PyTorch's defaults; [weightDecay] is an L2 term added to the gradient. */
fun adam(
    lr: Double = OptimizerConfig.DEFAULT_LEARNING_RATE,
    weightDecay: Double = OptimizerConfig.DEFAULT_ADAM_WEIGHT_DECAY,
    beta1: Double = OptimizerConfig.DEFAULT_BETA1,
    beta2: Double = OptimizerConfig.DEFAULT_BETA2,
): OptimizerSpec = OptimizerSpec(OptimizerKind.ADAM, lr, weightDecay, beta1, beta2)

/** AdamW (Loshchilov & Hutter) with PyTorch's defaults, including its decoupled weight decay of 0.01. */
fun adamW(
    lr: Double = OptimizerConfig.DEFAULT_LEARNING_RATE,
    weightDecay: Double = OptimizerConfig.DEFAULT_ADAMW_WEIGHT_DECAY,
    beta1: Double = OptimizerConfig.DEFAULT_BETA1,
    beta2: Double = OptimizerConfig.DEFAULT_BETA2,
): OptimizerSpec = OptimizerSpec(OptimizerKind.ADAMW, lr, weightDecay, beta1, beta2)

/** Gradient-based optimisers (the engine's, by name). */
@Serializable
enum class OptimizerKind(val dslName: String) {
    /** Adam; [OptimizerSpec.weightDecay] is an L2 penalty added to the gradient. */
    @SerialName("adam") ADAM("adam"),

    /** AdamW; [OptimizerSpec.weightDecay] is decoupled from the gradient (Loshchilov & Hutter). */
    @SerialName("adamw") ADAMW("adamW"),
}

/** Optimiser and its hyper-parameters (PyTorch's names and defaults, lr 1e-3); see [adam] and [adamW]. */
@Serializable
data class OptimizerSpec(
    val kind: OptimizerKind,
    val lr: Double,
    val weightDecay: Double,
    val beta1: Double,
    val beta2: Double,
) {
    /** The engine's optimiser; its constructor checks every value. */
    fun build(): OptimizerConfig = try {
        OptimizerConfig(OptimizerConfig.Kind.valueOf(kind.name), lr, weightDecay, beta1, beta2)
    } catch (e: org.ebmworkbench.engine.check.InvalidParameterException) {
        throw SpecException.of(e, kind.dslName, mapOf("learningRate" to "lr"))
    }
}
