package org.ebmworkbench.reports.records

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** Which way a metric improves. */
@Serializable
enum class Direction {
    @SerialName("higher") HIGHER,
    @SerialName("lower") LOWER,
}

/**
 * A metric as the runner declares it from its component: its column [name], which way it improves ([direction];
 * null: not ranked), one sentence on how it is computed with the setting's parameters ([protocol]), and whether it
 * is a test log-likelihood in nats that the dataset's optimal log-likelihood bounds ([logLikelihood]).
 */
@Serializable
data class MetricInfo(
    val name: String,
    val direction: Direction? = null,
    val protocol: String,
    val logLikelihood: Boolean = false,
)

/**
 * A dataset of the grid: its [label] in cells and reports, how its test set is made ([testSet]), the ground-truth
 * optimal expected log-likelihood when one is known, and [references]: by metric name, a value the dataset itself
 * gives for that metric (e.g. the score of a trivial estimate), shown beside the metric's values.
 */
@Serializable
data class DatasetInfo(
    val label: String,
    val testSet: String,
    val optimalLogLikelihood: Double? = null,
    val references: Map<String, MetricReference> = emptyMap(),
)

/** A dataset's reference [value] for one metric and what it is the value of ([label], e.g. `Ĵ = 0`). */
@Serializable
data class MetricReference(val value: Double, val label: String)

/** A setting of the grid: its row [label] (e.g. `ed t=1`), its grid [labels] (axis → value) and its metrics. */
@Serializable
data class SettingInfo(val label: String, val labels: Map<String, String> = emptyMap(), val metrics: List<MetricInfo>)

/**
 * What the reports know of a grid before any cell has run: every dataset, setting and seed, with their display
 * labels and each metric's direction and protocol. The runner writes it from the components' own declarations,
 * so a new dataset or metric type is labelled and ranked without the reports knowing its name.
 */
@Serializable
data class GridLayout(val seeds: List<Long>, val datasets: List<DatasetInfo>, val settings: List<SettingInfo>) {
    /** datasets × settings × seeds. */
    val expectedCells: Int get() = datasets.size * settings.size * seeds.size

    /** Every metric of any setting by name, the first declaration of a name winning (a name has one meaning). */
    val metrics: Map<String, MetricInfo> get() = LinkedHashMap<String, MetricInfo>().also { m ->
        settings.forEach { s -> s.metrics.forEach { m.putIfAbsent(it.name, it) } }
    }
}
