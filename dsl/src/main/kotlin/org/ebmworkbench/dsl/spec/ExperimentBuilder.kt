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
        datasets.forEach(SpecOrigins::record)
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
    private val start = base ?: TrainingSpec()
    private var stepsSet = false
    private var epochsSet = false
    private val lines = HashMap<String, Int?>()

    private fun set(field: String) {
        lines[field] = SpecOrigins.here()
    }

    /** Optimiser updates to run. */
    var steps: Int? = base?.steps
        set(value) { field = value; stepsSet = true; set("steps") }

    /** Passes over the training set to run (instead of [steps]). */
    var epochs: Int? = base?.epochs
        set(value) { field = value; epochsSet = true; set("epochs") }

    /** Data points per step, at most the training set's size. */
    var batch: Int = start.batch
        set(value) { field = value; set("batch") }

    /** `adam(…)` or `adamW(…)`. */
    var optimizer: OptimizerSpec = start.optimizer
        set(value) { field = value; set("optimizer") }

    /** Decay of the parameter EMA used for evaluation, e.g. 0.999; null for none. */
    var ema: Double? = start.ema
        set(value) { field = value; set("ema") }

    /** Steps between metric evaluations. */
    var evaluateEvery: Int = start.evaluateEvery
        set(value) { field = value; set("evaluateEvery") }

    /** Steps between training log lines. */
    var logEvery: Int = start.logEvery
        set(value) { field = value; set("logEvery") }

    /** Draw a fresh batch from the toy generator at every step. */
    var freshSamples: Boolean = start.freshSamples
        set(value) { field = value; set("freshSamples") }

    /** The immutable training spec; the engine's trainer checks its values when a cell is built (`ebm check`). */
    fun build(): TrainingSpec {
        val s = if (stepsSet && !epochsSet) steps else if (epochsSet && !stepsSet) null else steps
        val e = if (epochsSet && !stepsSet) epochs else if (stepsSet && !epochsSet) null else epochs
        if (stepsSet && epochsSet) Check.fail("train sets both train.steps and train.epochs ($s, $e); set exactly one")
        return TrainingSpec(s, e, batch, optimizer, ema, evaluateEvery, logEvery, freshSamples).also { spec ->
            lines.forEach { (field, line) -> SpecOrigins.record(spec to field, line) }
            // An optimiser's complaint names its own parameter (lr, beta1, …); it was set on the optimizer line.
            lines["optimizer"]?.let { line -> OPTIMIZER_PARAMETERS.forEach { SpecOrigins.record(spec to it, line) } }
        }
    }
}

private val OPTIMIZER_PARAMETERS = listOf("lr", "weightDecay", "beta1", "beta2")
