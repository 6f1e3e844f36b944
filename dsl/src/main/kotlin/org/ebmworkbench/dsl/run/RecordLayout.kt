package org.ebmworkbench.dsl.run

import org.ebmworkbench.dsl.spec.ExperimentSpec
import org.ebmworkbench.dsl.spec.MetricSpec
import org.ebmworkbench.reports.records.DatasetInfo
import org.ebmworkbench.reports.records.GridLayout
import org.ebmworkbench.reports.records.MetricInfo
import org.ebmworkbench.reports.records.SettingInfo

/**
 * The grid layout the reports read ([GridLayout]), from the components' own declarations: each dataset's label,
 * test set, optimum and metric references, each setting's label, and each metric's direction and protocol.
 */
fun ExperimentSpec.layout(): GridLayout = GridLayout(
    seeds = seeds,
    datasets = datasets.map { DatasetInfo(it.label, it.testSet, it.optimalLogLikelihood, it.metricReferences) },
    settings = variants.map { v -> SettingInfo(v.label, v.labels, v.metrics.map(MetricSpec::info)) },
)

/** What the run records say of a metric. */
fun MetricSpec.info(): MetricInfo = MetricInfo(name, direction, protocol, isLogLikelihood)
