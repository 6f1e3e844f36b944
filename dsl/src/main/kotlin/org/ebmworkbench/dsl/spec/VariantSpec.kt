package org.ebmworkbench.dsl.spec

import kotlinx.serialization.Serializable

/**
 * One setting of an experiment: the model, proposal, objective, training and metrics that a `method("…") { }` or
 * `vary(…) { }` block (or the experiment itself, when it has none) resolves to.
 *
 * @property labels axis name → value label, in declaration order: `method` for `method(...)` blocks, the axis
 *   name for `vary(...)`; empty for an experiment without either.
 */
@Serializable
data class VariantSpec(
    val labels: Map<String, String> = emptyMap(),
    val energy: EnergySpec,
    val proposal: ProposalSpec,
    val objective: ObjectiveSpec,
    val training: TrainingSpec,
    val metrics: List<MetricSpec>,
) {
    init {
        val names = metrics.map { it.name }
        Check.that(names.toSet().size == names.size) { "metrics(...) lists a metric twice: $names" }
    }

    /** The row label of this setting in reports; see [label]. */
    val label: String get() = label(labels, objective)

    companion object {
        /**
         * `method` value first, then `name=value` for the other axes, space-separated (`ed t=1 m=4`); the objective's
         * short type when the setting has no method label (`snl`, `snl t=1`).
         */
        fun label(labels: Map<String, String>, objective: ObjectiveSpec): String {
            val method = labels["method"] ?: objective.type
            val rest = labels.filterKeys { it != "method" }.map { (k, v) -> "$k=$v" }
            return (listOf(method) + rest).joinToString(" ")
        }

        /** How a varied value is labelled: numbers without a trailing `.0`, enums by name, anything else as text. */
        fun formatValue(value: Any?): String = when (value) {
            is Double -> if (value == Math.rint(value) && kotlin.math.abs(value) < 1e15) value.toLong().toString() else value.toString()
            is Float -> formatValue(value.toDouble())
            is Enum<*> -> value.name.lowercase()
            is ObjectiveSpec -> value.type
            else -> value.toString()
        }
    }
}
