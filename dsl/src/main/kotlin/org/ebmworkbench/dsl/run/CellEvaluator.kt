package org.ebmworkbench.dsl.run

import org.ebmworkbench.dsl.spec.CellMetric
import org.ebmworkbench.dsl.spec.MetricContext
import org.ebmworkbench.dsl.spec.mmdHamming
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.engine.eval.GridResult
import org.ebmworkbench.engine.tensor.Parameters
import org.ebmworkbench.engine.train.Evaluator

/**
 * Evaluates a cell's metrics (bound to the cell by their specs, see `MetricSpec.bind`) on its test set. Keeps the
 * last grid result (density and self-check warnings) and the final binary model samples so the runner can save them
 * as artefacts after the final evaluation.
 */
class CellEvaluator(private val metrics: List<Pair<String, CellMetric>>, private val context: MetricContext) : Evaluator {
    val lastGrid: GridResult? get() = context.lastGrid

    /**
     * Binary model samples at [parameters] (n × D): those `mmdHamming` drew at the final evaluation when the cell has
     * it, else fresh ones drawn as `mmdHamming()` draws them, with its default sampler and number of samples.
     */
    fun finalModelSamples(parameters: Parameters): Dataset =
        context.lastModelSamples ?: mmdHamming().sampleModel(context, parameters)

    override fun evaluate(step: Long, parameters: Parameters, isFinal: Boolean): Map<String, Double> =
        metrics.associate { (name, metric) -> name to metric.evaluate(parameters, isFinal) }
}
