package org.ebmworkbench.dsl.run

import ai.djl.ndarray.NDArray
import org.ebmworkbench.dsl.spec.GridLogLikelihoodSpec
import org.ebmworkbench.dsl.spec.IsLogLikelihoodSpec
import org.ebmworkbench.dsl.spec.MetricSpec
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.eval.GridLogLikelihood
import org.ebmworkbench.engine.eval.GridResult
import org.ebmworkbench.engine.eval.ImportanceSampledLogLikelihood
import org.ebmworkbench.engine.proposal.Proposal
import org.ebmworkbench.engine.tensor.Parameters
import org.ebmworkbench.engine.train.Evaluator

/**
 * Evaluates a cell's metrics on its test set. Keeps the last grid result (density and self-check warnings) so
 * the runner can save it as an artefact after the final evaluation.
 */
class CellEvaluator(
    private val energy: EnergyModel,
    private val proposal: Proposal,
    private val testData: NDArray,
    private val metrics: List<MetricSpec>,
) : Evaluator {
    var lastGrid: GridResult? = null
        private set

    override fun evaluate(step: Long, parameters: Parameters, isFinal: Boolean): Map<String, Double> =
        metrics.associate { spec ->
            spec.name to when (spec) {
                is GridLogLikelihoodSpec -> {
                    // The self-check costs two more quadratures; it only matters for the reported final value.
                    val grid = GridLogLikelihood(spec.box, spec.resolution, spec.selfCheck && isFinal)
                    grid.evaluate(energy, parameters, testData).also { if (isFinal) lastGrid = it }.logLikelihood()
                }
                is IsLogLikelihoodSpec ->
                    ImportanceSampledLogLikelihood(spec.samples).evaluate(energy, parameters, proposal, testData)
            }
        }

    /** Grid quadrature only exists in 1-D and 2-D; fail at set-up rather than after training. */
    fun validate(dim: Int) {
        if (dim > 2 && metrics.any { it is GridLogLikelihoodSpec }) {
            throw org.ebmworkbench.dsl.spec.SpecException(
                "metrics: testLogLikelihoodGrid needs 1- or 2-D data, the data has dimension $dim; use testLogLikelihoodIs")
        }
    }
}
