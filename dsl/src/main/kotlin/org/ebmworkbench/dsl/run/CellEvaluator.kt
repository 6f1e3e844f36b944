package org.ebmworkbench.dsl.run

import ai.djl.ndarray.NDArray
import org.ebmworkbench.dsl.spec.GridLogLikelihoodSpec
import org.ebmworkbench.dsl.spec.IsLogLikelihoodSpec
import org.ebmworkbench.dsl.spec.MetricSpec
import org.ebmworkbench.dsl.spec.MmdSpec
import org.ebmworkbench.dsl.spec.MseLogDensitySpec
import org.ebmworkbench.dsl.spec.SpecException
import ai.djl.ndarray.index.NDIndex
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.engine.data.ToyDataset
import org.ebmworkbench.engine.data.ToyDatasets
import org.ebmworkbench.engine.eval.MaximumMeanDiscrepancy
import org.ebmworkbench.engine.eval.MseLogDensity
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
    private val generator: ToyDataset? = null,
    private val seed: Long = 0,
) : Evaluator {
    /** The fixed points of `mse_log_density`, drawn once with the cell's test seed. */
    private val msePoints: Dataset? by lazy {
        metrics.filterIsInstance<MseLogDensitySpec>().firstOrNull()?.let { generator!!.sample(it.points, CellData.testSeed(seed)) }
    }

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
                is MseLogDensitySpec -> testData.manager.newSubManager().use { m ->
                    MseLogDensity(spec.points).evaluateAt(energy, parameters, generator!!, msePoints!!, m)
                }
                is MmdSpec -> mmd(spec, parameters)
            }
        }

    private fun mmd(spec: MmdSpec, parameters: Parameters): Double = testData.manager.newSubManager().use { m ->
        val n = minOf(spec.samples, testData.shape[0].toInt())
        val sampler = EngineFactory.sampler(spec.sampler)
        val samples = sampler.run(energy, parameters, proposal.sample(m, n), spec.sampler.steps, m).samples()
        val data = testData.get(NDIndex(":$n"))
        MaximumMeanDiscrepancy.builder().build().evaluate(samples, data, sampler.describe()).value()
    }

    /** Metrics that cannot apply to this cell's data fail at set-up rather than after training. */
    fun validate(dim: Int) {
        if (dim > 2 && metrics.any { it is GridLogLikelihoodSpec }) {
            throw SpecException(
                "metrics: testLogLikelihoodGrid needs 1- or 2-D data, the data has dimension $dim; use testLogLikelihoodIs")
        }
        if (metrics.any { it is MseLogDensitySpec } && generator?.hasDensity() != true) {
            val known = ToyDatasets.all().filter { it.hasDensity() }.joinToString { it.name() }
            throw SpecException("metrics: mseLogDensity needs a toy dataset whose density is known in closed form " +
                "($known); this cell's data ${generator?.let { "'${it.name()}' has none" } ?: "come from a file"}")
        }
    }
}
