package org.ebmworkbench.dsl.spec

/**
 * Marks the receivers of the experiment DSL, so that inside `train { }` or `method("…") { }` the enclosing
 * experiment's members (`datasets`, `seeds`, …) cannot be reached by accident, and `experiment` cannot be nested.
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
 * The receiver of `experiment("name") { … }`: datasets and seeds, the shared settings (see [SettingsBuilder]) and
 * any `method`/`vary` blocks that make the experiment a grid. It only collects values; all range checks happen in
 * the spec classes, so the message is the same however a spec is made. Required: [datasets], and for every
 * setting an energy, an objective and `train { steps = … }` (or `epochs`). The proposal defaults to a diagonal
 * Gaussian fitted to the training data, seeds to `0`, metrics to none.
 */
@EbmDsl
class ExperimentBuilder(val name: String) : SettingsBuilder() {
    private var datasets: List<DatasetSpec> = emptyList()
    private var seeds: List<Long> = listOf(0)
    private var slurm: SlurmOptions? = null

    /** The datasets to run on (replaces any earlier call). Each one becomes its own cells. */
    fun datasets(vararg datasets: DatasetSpec) {
        this.datasets = datasets.toList()
    }

    /** The seeds to run each dataset and setting with (replaces any earlier call); default `seeds(0)`. */
    fun seeds(vararg seeds: Long) {
        this.seeds = seeds.toList()
    }

    /** Seeds from a range, e.g. `seeds(0 until 5)`. */
    fun seeds(range: IntRange) {
        this.seeds = range.map { it.toLong() }
    }

    /** How the cells are requested from Slurm with `ebm run --executor slurm` (see [SlurmOptions]). */
    fun slurm(block: SlurmBuilder.() -> Unit) {
        slurm = SlurmBuilder(slurm).apply(block).build()
    }

    /** The immutable spec; throws [SpecException] naming the first missing part. */
    fun build(): ExperimentSpec {
        Check.that(datasets.isNotEmpty()) { "experiment '$name': datasets is missing, e.g. datasets(checkerboard())" }
        return ExperimentSpec(name, datasets, seeds, Grid.expand(this, "experiment '$name'"), null, slurm)
    }
}

/** The receiver of a `method("…") { }` or `vary(…) { }` block: starts from the enclosing settings. */
@EbmDsl
class VariantBuilder internal constructor() : SettingsBuilder()

/**
 * The receiver of `train { … }`. It starts from the enclosing settings' training (so a `method` block can change
 * only the learning rate) or, at first, from [TrainingSpec]'s defaults. Setting [steps] clears an inherited
 * [epochs] and vice versa; setting both in one block is an error.
 */
@EbmDsl
class TrainingBuilder internal constructor(base: TrainingSpec?) {
    private val start = base ?: TrainingSpec(steps = 1)
    private var stepsSet = false
    private var epochsSet = false

    /** Optimiser updates to run. */
    var steps: Int? = base?.steps
        set(value) { field = value; stepsSet = true }

    /** Passes over the training set to run (instead of [steps]). */
    var epochs: Int? = base?.epochs
        set(value) { field = value; epochsSet = true }

    /** Data points per step. */
    var batch: Int = start.batch

    /** `adam(…)` or `adamW(…)`. */
    var optimizer: OptimizerSpec = start.optimizer

    /** Decay of the parameter EMA used for evaluation, e.g. 0.999; null for none. */
    var ema: Double? = start.ema

    /** Steps between metric evaluations. */
    var evaluateEvery: Int = start.evaluateEvery

    /** Steps between training log lines. */
    var logEvery: Int = start.logEvery

    /** Draw a fresh batch from the toy generator at every step. */
    var freshSamples: Boolean = start.freshSamples

    /** The immutable training spec; its `init` block validates every value. */
    fun build(): TrainingSpec {
        val s = if (stepsSet && !epochsSet) steps else if (epochsSet && !stepsSet) null else steps
        val e = if (epochsSet && !stepsSet) epochs else if (stepsSet && !epochsSet) null else epochs
        return TrainingSpec(s, e, batch, optimizer, ema, evaluateEvery, logEvery, freshSamples)
    }
}
