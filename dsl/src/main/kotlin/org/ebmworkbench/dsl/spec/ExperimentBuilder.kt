package org.ebmworkbench.dsl.spec

/**
 * Marks the receivers of the experiment DSL, so that inside `train { }` the enclosing experiment's members
 * (`energy`, `datasets`, …) cannot be reached by accident, and `experiment` cannot be nested.
 */
@DslMarker
annotation class EbmDsl

/**
 * Builds an [ExperimentSpec] outside a script, from Kotlin or (with a lambda) Java:
 * `buildExperiment("demo") { datasets(checkerboard()); energy = mlp(64); objective = snl(); train { steps = 100 } }`.
 */
fun buildExperiment(name: String, block: ExperimentBuilder.() -> Unit): ExperimentSpec =
    ExperimentBuilder(name).apply(block).build()

/**
 * The receiver of `experiment("name") { … }`. It only collects values; all range checks happen in the spec
 * classes when [build] (or a factory like [mlp]) constructs them, so the message is the same however a spec
 * is made. Required: [datasets], [energy], [objective] and `train { steps = … }` (or `epochs`). [proposal]
 * defaults to a diagonal Gaussian fitted to the training data, [seeds] to `0`, [metrics] to none.
 */
@EbmDsl
class ExperimentBuilder(val name: String) {
    private var datasets: List<DatasetSpec> = emptyList()
    private var seeds: List<Long> = listOf(0)
    private var training: TrainingSpec? = null
    private var metrics: List<MetricSpec> = emptyList()

    /** The energy function, e.g. `mlp(128, 128)` or `quadratic()`. Required. */
    var energy: EnergySpec? = null

    /** The proposal `q` for importance sampling / noise; default `gaussian()` (diagonal, fitted to the data). */
    var proposal: ProposalSpec = FittedGaussianProposalSpec()

    /** The objective, e.g. `snl()`. Required. */
    var objective: ObjectiveSpec? = null

    /** The datasets to run on (replaces any earlier call). Each one becomes its own cells. */
    fun datasets(vararg datasets: DatasetSpec) {
        this.datasets = datasets.toList()
    }

    /** The seeds to run each dataset with (replaces any earlier call); default `seeds(0)`. */
    fun seeds(vararg seeds: Long) {
        this.seeds = seeds.toList()
    }

    /** Seeds from a range, e.g. `seeds(0 until 5)`. */
    fun seeds(range: IntRange) {
        this.seeds = range.map { it.toLong() }
    }

    /**
     * Training settings. Each `train { }` block is complete on its own (a later block replaces an earlier one)
     * and is checked when the block ends, so an error points at this line of the script.
     */
    fun train(block: TrainingBuilder.() -> Unit) {
        training = TrainingBuilder().apply(block).build()
    }

    /** The metrics evaluated on the test set (replaces any earlier call). */
    fun metrics(vararg metrics: MetricSpec) {
        this.metrics = metrics.toList()
    }

    /** The immutable spec; throws [SpecException] naming the first missing part. */
    fun build(): ExperimentSpec = ExperimentSpec(
        name = name,
        datasets = datasets.ifEmpty { missing("datasets", "datasets(checkerboard())") },
        seeds = seeds,
        energy = energy ?: missing("energy", "energy = mlp(128, 128)"),
        proposal = proposal,
        objective = objective ?: missing("objective", "objective = snl()"),
        training = training ?: missing("train", "train { steps = 1_000 }"),
        metrics = metrics,
    )

    private fun missing(part: String, example: String): Nothing =
        Check.fail("experiment '$name': $part is missing, e.g. $example")
}

/**
 * The receiver of `train { … }`. The initial values are [TrainingSpec]'s defaults; exactly one of [steps] and
 * [epochs] must be set.
 */
@EbmDsl
class TrainingBuilder {
    private val defaults = TrainingSpec(steps = 1)

    /** Optimiser updates to run. */
    var steps: Int? = null

    /** Passes over the training set to run (instead of [steps]). */
    var epochs: Int? = null

    /** Data points per step. */
    var batch: Int = defaults.batch

    /** `adam(…)` or `adamW(…)`. */
    var optimizer: OptimizerSpec = defaults.optimizer

    /** Decay of the parameter EMA used for evaluation, e.g. 0.999; null for none. */
    var ema: Double? = defaults.ema

    /** Steps between metric evaluations. */
    var evaluateEvery: Int = defaults.evaluateEvery

    /** Steps between training log lines. */
    var logEvery: Int = defaults.logEvery

    /** Draw a fresh batch from the toy generator at every step. */
    var freshSamples: Boolean = defaults.freshSamples

    /** The immutable training spec; its `init` block validates every value. */
    fun build(): TrainingSpec =
        TrainingSpec(steps, epochs, batch, optimizer, ema, evaluateEvery, logEvery, freshSamples)
}
