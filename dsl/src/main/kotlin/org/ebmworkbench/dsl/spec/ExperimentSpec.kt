package org.ebmworkbench.dsl.spec

import kotlinx.serialization.Serializable
import java.security.MessageDigest

/** Experiment names become folder names, so they are restricted to a portable alphabet. */
private val EXPERIMENT_NAME = Regex("[A-Za-z0-9][A-Za-z0-9._-]*")

/** Characters not allowed in the readable prefix of a cell id. */
private val ID_UNSAFE = Regex("[^a-z0-9_-]")

/**
 * One experiment as declared by a script: every [variants] entry (a method and its settings) is run on every
 * dataset with every seed. Immutable; [cells] expands it into the units the executor runs.
 *
 * @property variants the settings compared by the experiment, at least one; a script without `method`/`vary`
 *   blocks has exactly one, with no labels.
 * @property scriptPath the script that declared it, as given to the host; null for specs built in code.
 * @property slurm its `slurm { }` block, used only by `ebm run --executor slurm` (not part of any cell's id).
 */
@Serializable
data class ExperimentSpec(
    val name: String,
    val datasets: List<DatasetSpec>,
    val seeds: List<Long> = listOf(0),
    val variants: List<VariantSpec>,
    val scriptPath: String? = null,
    val slurm: SlurmOptions? = null,
) {
    init {
        Check.that(EXPERIMENT_NAME.matches(name)) {
            "experiment name must match ${EXPERIMENT_NAME.pattern} (it names the run folder), was '$name'"
        }
        Check.that(datasets.isNotEmpty()) { "experiment '$name': datasets(...) must list at least one dataset" }
        Check.that(datasets.toSet().size == datasets.size) { "experiment '$name': datasets(...) lists a dataset twice" }
        Check.that(seeds.isNotEmpty()) { "experiment '$name': seeds(...) must list at least one seed" }
        Check.that(seeds.toSet().size == seeds.size) { "experiment '$name': seeds(...) lists a seed twice: $seeds" }
        Check.that(variants.isNotEmpty()) { "experiment '$name': no settings to run" }
        variants.groupBy { it.labels }.values.firstOrNull { it.size > 1 }?.let { twins ->
            Check.fail("experiment '$name': two settings have the same labels ${twins[0].label}; give each method or " +
                "varied value a distinct label")
        }
    }

    /**
     * The grid of cells: datasets × variants × seeds, dataset-major (for each dataset, every variant with all its
     * seeds), so a partly finished grid has complete rows of the report first.
     */
    fun cells(): List<CellSpec> = datasets.flatMap { dataset ->
        variants.flatMap { v ->
            seeds.map { seed ->
                CellSpec(name, dataset, seed, v.energy, v.proposal, v.objective, v.training, v.metrics, v.labels)
            }
        }
    }
}

/**
 * One unit of work: a single dataset, setting and seed with everything needed to train and evaluate it. This is
 * what `runs/<experiment>/<cell-id>/spec.json` holds and what `ebm cell` runs.
 *
 * @property variant the labels of the setting, axis name → value (e.g. `method → ed, t → 1`), in the order the
 *   script declared the axes; empty when the experiment compares nothing.
 */
@Serializable
data class CellSpec(
    val experiment: String,
    val dataset: DatasetSpec,
    val seed: Long,
    val energy: EnergySpec,
    val proposal: ProposalSpec,
    val objective: ObjectiveSpec,
    val training: TrainingSpec,
    val metrics: List<MetricSpec>,
    val variant: Map<String, String> = emptyMap(),
) {
    /** The row label of this cell's setting in reports, e.g. `ed t=1 m=4` (see [VariantSpec.label]). */
    val method: String get() = VariantSpec.label(variant, objective)

    /**
     * Stable identity of this cell, e.g. `checkerboard-snl-s0-3f9a0c2b71de`: a readable prefix
     * (dataset label, objective type, seed; sanitised to `[a-z0-9_-]`) and the first 12 hex digits of the
     * SHA-256 of the cell's canonical JSON ([SpecJson.canonical]: compact, every default written out,
     * properties in declaration order).
     *
     * The id depends only on the cell's values, never on the JVM, machine, time, script path or the order
     * cells were created, so it is the same across runs and machines; any change of any value (including
     * one left at its default) gives a different id. That is what lets the runner skip cells already done.
     * Changing a default in code changes the ids of the cells that use it, which is intended: they would
     * compute something else.
     */
    val id: String
        get() {
            val prefix = "${dataset.label}-${objective.type}-s$seed".lowercase().replace(ID_UNSAFE, "_")
            return "$prefix-${contentHash()}"
        }

    private fun contentHash(): String {
        val bytes = SpecJson.canonical.encodeToString(serializer(), this).toByteArray(Charsets.UTF_8)
        val digest = MessageDigest.getInstance("SHA-256").digest(bytes)
        return digest.joinToString("") { "%02x".format(it) }.take(12)
    }
}
