package org.ebmworkbench.dsl.spec

import ai.djl.ndarray.NDArray
import ai.djl.ndarray.index.NDIndex
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.dsl.run.CellData
import org.ebmworkbench.engine.check.Require
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.engine.data.ToyDataset
import org.ebmworkbench.engine.data.ToyDatasets
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.eval.GridLogLikelihood
import org.ebmworkbench.engine.eval.GridResult
import org.ebmworkbench.engine.eval.ImportanceSampledLogLikelihood
import org.ebmworkbench.engine.eval.MaximumMeanDiscrepancy
import org.ebmworkbench.engine.eval.MseLogDensity
import org.ebmworkbench.engine.proposal.Proposal
import org.ebmworkbench.engine.tensor.Parameters
import org.ebmworkbench.reports.records.Direction

// The metrics of the DSL: for each, its factory, its spec and its ComponentType, registered in Components.

/**
 * A metric evaluated on the test set during and after training. [name] is its column in `metrics.csv`; [direction],
 * [protocol] and [isLogLikelihood] are what the run records say of it, so the reports label and rank it without
 * knowing its type.
 */
interface MetricSpec {
    val name: String

    /** Which way the metric improves. */
    val direction: Direction

    /** One sentence: how the metric is computed, with this spec's parameters. */
    val protocol: String

    /** True for a test log-likelihood in nats, which the dataset's optimal log-likelihood bounds. */
    val isLogLikelihood: Boolean get() = false

    /** This metric in a smoke run; unchanged by default. */
    fun smoke(): MetricSpec = this

    /** The engine's metric object with this spec's settings (what [bind] evaluates with). */
    fun engine(): Any

    /** This metric for one cell, its engine objects built and its fit to the cell's data checked (set-up time). */
    fun bind(cell: MetricContext): CellMetric
}

/** A metric bound to a cell: one value per evaluation of the current parameters. */
fun interface CellMetric {
    fun evaluate(parameters: Parameters, isFinal: Boolean): Double
}

/**
 * What a metric may read of its cell; [lastGrid] keeps the final grid for the density artefact, [lastModelSamples]
 * the final binary model samples of `mmdHamming` (n × D, for the decoded-samples artefact), [trueCouplings] is the
 * data's true coupling matrix where known (lattice Ising).
 */
class MetricContext(
    val energy: EnergyModel,
    val proposal: Proposal,
    val testData: NDArray,
    val generator: ToyDataset?,
    val build: BuildContext,
    val trueCouplings: Array<DoubleArray>? = null,
) {
    val dim: Int get() = testData.shape[1].toInt()
    var lastGrid: GridResult? = null
    var lastModelSamples: Dataset? = null
}

/** Exact test log-likelihood by grid quadrature on `[-box, box]²`; see [GridLogLikelihoodSpec]. */
fun testLogLikelihoodGrid(
    box: Double = GridLogLikelihood.DEFAULT_BOX,
    resolution: Int = GridLogLikelihood.DEFAULT_RESOLUTION,
    selfCheck: Boolean = GridLogLikelihood.DEFAULT_SELF_CHECK,
): GridLogLikelihoodSpec = GridLogLikelihoodSpec(box, resolution, selfCheck)

/**
 * Exact test log-likelihood (nats, mean over test points) by quadrature on a [resolution]² grid over
 * `[-box, box]²`; 1- or 2-D data only. With [selfCheck] the estimate is recomputed on a doubled box and resolution
 * and the difference is reported, so truncation or discretisation error is visible.
 */
@Serializable
@SerialName("test_ll_grid")
data class GridLogLikelihoodSpec(val box: Double, val resolution: Int, val selfCheck: Boolean) : MetricSpec {
    override val name: String get() = GridLogLikelihood.METRIC
    override val direction get() = Direction.HIGHER
    override val isLogLikelihood get() = true
    override val protocol get() = "Mean test log-likelihood (nats), log Z by quadrature on a $resolution² grid over " +
        "[−$box, $box]²" + (if (selfCheck) "; the final value is rechecked on a doubled box and resolution." else ".")

    override fun smoke() = copy(resolution = minOf(resolution, SMOKE_GRID_RESOLUTION))

    override fun engine() = Type.inDslNames { GridLogLikelihood(box, resolution, selfCheck) }

    override fun bind(cell: MetricContext): CellMetric = Type.inDslNames {
        Require.that(cell.dim <= 2, GridLogLikelihood.METRIC, "data", "be 1- or 2-D (use testLogLikelihoodIs)",
            "dimension ${cell.dim}")
        // The self-check costs two more quadratures; it only matters for the reported final value.
        val final = engine()
        val plain = GridLogLikelihood(box, resolution, false)
        CellMetric { parameters, isFinal ->
            if (isFinal) final.evaluate(cell.energy, parameters, cell.testData).also { cell.lastGrid = it }.logLikelihood()
            else plain.evaluate(cell.energy, parameters, cell.testData).logLikelihood()
        }
    }

    object Type : ComponentType<MetricSpec, GridLogLikelihoodSpec>(
        Category.METRIC, GridLogLikelihoodSpec::class, GridLogLikelihoodSpec.serializer(), "testLogLikelihoodGrid",
    ) {
        override val defaultSpec get() = testLogLikelihoodGrid()
        override val engineClasses = listOf(GridLogLikelihood::class.java)
        override fun engineDefault(context: BuildContext) = GridLogLikelihood(
            GridLogLikelihood.DEFAULT_BOX, GridLogLikelihood.DEFAULT_RESOLUTION, GridLogLikelihood.DEFAULT_SELF_CHECK,
        )
        override val entries get() = defaultSpec.let { g ->
            listOf(
                "testLogLikelihoodGrid(box, resolution, selfCheck)" to
                    "${g.name}: exact 2-D test LL by quadrature on [-box, box]², box = ${g.box}, resolution = " +
                    "${g.resolution}, selfCheck = ${g.selfCheck} (recheck on a doubled grid).",
            )
        }
    }
}

/** Test log-likelihood with `log Z` by importance sampling from the proposal; see [IsLogLikelihoodSpec]. */
fun testLogLikelihoodIs(samples: Int = ImportanceSampledLogLikelihood.DEFAULT_SAMPLES): IsLogLikelihoodSpec =
    IsLogLikelihoodSpec(samples)

/**
 * Test log-likelihood with `log Z` estimated by importance sampling from the cell's proposal with [samples]
 * draws (the SNL code's test-time default is 20 000). Stochastic, and biased upwards in expectation
 * (`E[log Ẑ] ≤ log Z` by Jensen), which shrinks as [samples] grows.
 */
@Serializable
@SerialName("test_ll_is")
data class IsLogLikelihoodSpec(val samples: Int) : MetricSpec {
    override val name: String get() = ImportanceSampledLogLikelihood.METRIC
    override val direction get() = Direction.HIGHER
    override val isLogLikelihood get() = true
    override val protocol get() = "Mean test log-likelihood (nats), log Z by importance sampling with $samples draws " +
        "from the cell's proposal (biased upwards by Jensen's inequality, less so as the draws grow)."

    override fun smoke() = copy(samples = minOf(samples, SMOKE_IS_SAMPLES))

    override fun engine() = Type.inDslNames { ImportanceSampledLogLikelihood(samples) }

    override fun bind(cell: MetricContext): CellMetric = Type.inDslNames {
        val metric = engine()
        CellMetric { parameters, _ -> metric.evaluate(cell.energy, parameters, cell.proposal, cell.testData) }
    }

    object Type : ComponentType<MetricSpec, IsLogLikelihoodSpec>(
        Category.METRIC, IsLogLikelihoodSpec::class, IsLogLikelihoodSpec.serializer(), "testLogLikelihoodIs",
    ) {
        override val defaultSpec get() = testLogLikelihoodIs()
        override val engineClasses = listOf(ImportanceSampledLogLikelihood::class.java)
        override fun engineDefault(context: BuildContext) =
            ImportanceSampledLogLikelihood(ImportanceSampledLogLikelihood.DEFAULT_SAMPLES)
        override val entries get() = listOf(
            "testLogLikelihoodIs(samples)" to "${defaultSpec.name}: test LL with log Z by importance sampling from the " +
                "proposal, samples = ${defaultSpec.samples} (SNL code's test default).",
        )
    }
}

/** MSE of the log-density on [points] fresh data points (ED protocol); toy datasets with a known density. */
fun mseLogDensity(points: Int = MseLogDensity.DEFAULT_POINTS): MseLogDensitySpec = MseLogDensitySpec(points)

/**
 * Mean squared error of the model's log-density (the Energy Discrepancy 2-D protocol, docs/methods.md §2.3): on
 * [points] fresh points from the data generator, `mean_i (−E(x_i) − log Ẑ − log p(x_i))²` with log Ẑ by importance
 * sampling with the true density p as proposal. Only for toy datasets whose density is known in closed form. The
 * points are drawn once per cell, with the cell's test seed, so every evaluation scores the same points.
 */
@Serializable
@SerialName("mse_log_density")
data class MseLogDensitySpec(val points: Int) : MetricSpec {
    override val name: String get() = MseLogDensity.METRIC
    override val direction get() = Direction.LOWER
    override val protocol get() = "Mean squared error of the model's log-density against the true one on $points " +
        "fresh points of the generator, log Z by importance sampling with the true density as proposal."

    override fun smoke() = copy(points = minOf(points, SMOKE_IS_SAMPLES))

    override fun engine() = Type.inDslNames { MseLogDensity(points) }

    override fun bind(cell: MetricContext): CellMetric = Type.inDslNames {
        val metric = engine()
        val generator = cell.generator
        if (generator?.hasDensity() != true) {
            val known = ToyDatasets.all().filter { it.hasDensity() }.joinToString { it.name() }
            throw SpecException("mseLogDensity needs a toy dataset whose density is known in closed form ($known); " +
                "this cell's data ${generator?.let { "'${it.name()}' has none" } ?: "come from a file"}")
        }
        val fixed = generator.sample(points, CellData.testSeed(cell.build.seed))
        CellMetric { parameters, _ ->
            cell.testData.manager.newSubManager().use { m -> metric.evaluateAt(cell.energy, parameters, generator, fixed, m) }
        }
    }

    object Type : ComponentType<MetricSpec, MseLogDensitySpec>(
        Category.METRIC, MseLogDensitySpec::class, MseLogDensitySpec.serializer(), "mseLogDensity",
    ) {
        override val defaultSpec get() = mseLogDensity()
        override val engineClasses = listOf(MseLogDensity::class.java)
        override fun engineDefault(context: BuildContext) = MseLogDensity()
        override val entries get() = listOf(
            "mseLogDensity(points)" to "${defaultSpec.name}: MSE of log-density on points = ${defaultSpec.points} fresh " +
                "data points, log Z by IS with the true density (ED protocol); toys with a known density only.",
        )
    }
}

/** Squared MMD between [samples] model samples, drawn by [sampler] chains from the proposal, and test points. */
fun mmd(samples: Int = 1_000, sampler: SamplerSpec = mala(steps = 200)): MmdSpec = MmdSpec(samples, sampler)

/**
 * Squared MMD (unbiased, Gaussian kernel, median-heuristic bandwidth) between [samples] model samples and as many
 * test points. The model samples are [sampler] chains (`sampler.steps` steps) started from the cell's proposal;
 * the sampler and its step count are part of this spec, hence of the recorded protocol.
 */
@Serializable
@SerialName("mmd")
data class MmdSpec(val samples: Int, val sampler: SamplerSpec) : MetricSpec {
    override val name: String get() = "mmd"
    override val direction get() = Direction.LOWER
    override val protocol get() = "Unbiased squared MMD, Gaussian kernel with median-heuristic bandwidth, between " +
        "$samples model samples (${dslCall(sampler)} chains started from the proposal) and as many test points."

    override fun smoke() = copy(samples = minOf(samples, SMOKE_MMD_SAMPLES), sampler = sampler.smoke())

    override fun engine(): MaximumMeanDiscrepancy = Type.inDslNames {
        Require.atLeast("mmd", "samples", samples.toLong(), 2)
        MaximumMeanDiscrepancy.builder().build()
    }

    override fun bind(cell: MetricContext): CellMetric {
        val chains = sampler.build(cell.build)
        val mmd = engine()
        return CellMetric { parameters, _ ->
            cell.testData.manager.newSubManager().use { m ->
                val n = minOf(samples, cell.testData.shape[0].toInt())
                val x = chains.run(cell.energy, parameters, cell.proposal.sample(m, n), sampler.steps, m).samples()
                mmd.evaluate(x, cell.testData.get(NDIndex(":$n")), chains.describe()).value()
            }
        }
    }

    object Type : ComponentType<MetricSpec, MmdSpec>(Category.METRIC, MmdSpec::class, MmdSpec.serializer(), "mmd") {
        override val engineClasses = listOf(MaximumMeanDiscrepancy::class.java)
        override val entries get() = mmd().let { d ->
            listOf(
                "mmd(samples, sampler)" to "${d.name}: unbiased squared MMD, Gaussian kernel with median bandwidth, " +
                    "between samples = ${d.samples} model samples (sampler chains from the proposal; default " +
                    "mala(steps = ${d.sampler.steps})) and test points.",
            )
        }
    }
}
