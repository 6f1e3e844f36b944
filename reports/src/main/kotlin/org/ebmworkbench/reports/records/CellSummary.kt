package org.ebmworkbench.reports.records

import kotlinx.serialization.Serializable

/**
 * Content of `summary.json`: the final metrics of a finished cell, by metric name (for example
 * `test_ll_grid`, `test_ll_is`). A value that is NaN or infinite (a diverged model is reported, not dropped) is
 * written as `null` and read back as NaN; the cell's status says why ([CellStatus.nonFinite]).
 * [optimalLogLikelihood] is the known ground-truth log-likelihood of the dataset, when there is one,
 * shown beside the log-likelihood metrics. [method] is the row label of the cell's setting and [variant] its grid
 * labels (axis → value), as in [CellStatus].
 */
@Serializable
data class CellSummary(
    val cellId: String,
    val experiment: String,
    val dataset: String,
    val method: String,
    val seed: Long,
    val metrics: Map<String, @Serializable(with = FiniteOrNull::class) Double>,
    val finalStep: Long,
    val wallSeconds: Double,
    val optimalLogLikelihood: Double? = null,
    val variant: Map<String, String> = emptyMap(),
)
