package org.ebmworkbench.dsl.run

import org.ebmworkbench.dsl.spec.CellMetric
import org.ebmworkbench.dsl.spec.MetricContext
import org.ebmworkbench.engine.eval.GridResult
import org.ebmworkbench.engine.tensor.Parameters
import org.ebmworkbench.engine.train.Evaluator

/**
 * Evaluates a cell's metrics (bound to the cell by their specs, see `MetricSpec.bind`) on its test set. Keeps the
 * last grid result (density and self-check warnings) so the runner can save it as an artefact after the final
 * evaluation.
 */
class CellEvaluator(private val metrics: List<Pair<String, CellMetric>>, private val context: MetricContext) : Evaluator {
    val lastGrid: GridResult? get() = context.lastGrid

    override fun evaluate(step: Long, parameters: Parameters, isFinal: Boolean): Map<String, Double> =
        metrics.associate { (name, metric) -> name to metric.evaluate(parameters, isFinal) }
}
