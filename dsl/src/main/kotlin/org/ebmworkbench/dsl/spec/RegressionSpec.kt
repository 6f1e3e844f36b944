package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.dsl.run.CellData
import org.ebmworkbench.engine.check.Require
import org.ebmworkbench.engine.data.ConditionalToyDatasets
import org.ebmworkbench.engine.data.CsvDataset
import org.ebmworkbench.engine.energy.ConditionalMlpEnergy
import org.ebmworkbench.engine.eval.ConditionalQuadratureLogLikelihood
import org.ebmworkbench.engine.objective.ConditionalLogImportanceSampling
import org.ebmworkbench.engine.objective.ConditionalNoiseContrastiveEstimation
import org.ebmworkbench.engine.objective.ConditionalSelfNormalisedLikelihood
import org.ebmworkbench.engine.proposal.DiagonalGaussianProposal
import org.ebmworkbench.engine.proposal.UniformBoxProposal
import org.ebmworkbench.reports.records.Direction
import java.nio.file.Path
import org.ebmworkbench.engine.objective.ConditionalSelfNormalisedLikelihood.Builder as SnlDefaults

// Regression (conditional density) components of the DSL: p(y | x) ∝ exp(−E(x, y)). Rows are [x, y], the targets
// last (docs/methods.md §12); each type's factory, spec and ComponentType, registered in Components.

/** Training and test points of a regression toy unless a script says otherwise (the official toy-1 split). */
private const val REGRESSION_TOY_N = 2_000
private const val REGRESSION_TOY_N_TEST = 1_000

/** Regression toy 1 (Gustafsson et al.; SNL code): bimodal around ±sin x for x < 0, log-normal for x ≥ 0. */
fun regressionToy1(n: Int = REGRESSION_TOY_N, nTest: Int = REGRESSION_TOY_N_TEST) = RegressionToySpec("regression_toy1", n, nTest)

/** Regression toy 2 (SNL code): asymmetric, heteroscedastic, uniform-band and multimodal zones along x ∈ [0, 1]. */
fun regressionToy2(n: Int = REGRESSION_TOY_N, nTest: Int = REGRESSION_TOY_N_TEST) = RegressionToySpec("regression_toy2", n, nTest)

/** The message of a regression component used on data without a target. */
internal fun requireTarget(component: String, context: BuildContext) {
    if (context.targetDim < 1) {
        throw SpecException("$component fits p(y | x) and needs a dataset with a target (regressionToy1(), " +
            "regressionToy2() or csv(path, inputs = …, target = …)); this cell's dataset has none", "dataset")
    }
}

/**
 * A regression toy drawn by the engine's generator [kind], 1-D x and 1-D y; train and test sets independently with
 * the cell's seed, [n] and [nTest] rows. Its optimum is the true E log p(y | x).
 */
@Serializable
@SerialName("regression_toy")
data class RegressionToySpec(val kind: String, val n: Int, val nTest: Int) : DatasetSpec {
    init {
        val kinds = ConditionalToyDatasets.all().map { it.name() }
        Check.that(kind in kinds) { "regression toy kind must be one of ${kinds.joinToString()}, was '$kind'" }
    }

    override val label: String get() = kind

    override val testSet: String
        get() = "$nTest rows (x, y) drawn from the generator independently of the $n training rows (seeded by the cell's seed)"

    override val optimalLogLikelihood: Double?
        get() = ConditionalToyDatasets.byName(kind).optimalLogLikelihood().let { if (it.isPresent) it.asDouble else null }

    override val knownSize: Int get() = n

    override fun load(seed: Long, scriptDir: Path?): CellData {
        val g = ConditionalToyDatasets.byName(kind)
        val train = ToyDatasetSpec.Type.inDsl(kind) { g.sample(n, seed) }
        val test = ToyDatasetSpec.Type.inDsl(kind, mapOf("n" to "nTest")) { g.sample(nTest, CellData.testSeed(seed)) }
        return CellData(train, test, null, targetDim = g.targetDim(), regression = g)
    }

    override fun smoke() = copy(n = minOf(n, SMOKE_TOY_N), nTest = minOf(nTest, SMOKE_TOY_N_TEST))

    object Type : ComponentType<DatasetSpec, RegressionToySpec>(
        Category.DATASET, RegressionToySpec::class, RegressionToySpec.serializer(), "regressionToy",
    ) {
        override val engineClasses = ConditionalToyDatasets.all().map { it.javaClass }
        override val entries get() = ConditionalToyDatasets.all().map { g ->
            "${ToyDatasetSpec.Type.factoryName(g.name())}(n, nTest)" to "${g.description()}; optimum E log p(y|x) " +
                "${g.optimalLogLikelihood().asDouble}; n = $REGRESSION_TOY_N training and nTest = $REGRESSION_TOY_N_TEST test rows."
        }
    }
}

/** A CSV file read as regression data: the [inputs] columns are x, the [target] column is y; see [CsvRegressionSpec]. */
fun csv(path: String, inputs: List<String>, target: String, testFraction: Double = 0.2): CsvRegressionSpec =
    CsvRegressionSpec(path, inputs, target, testFraction)

/**
 * A numeric CSV file with a header row, read as regression data: the columns named [inputs] (x) and the column
 * named [target] (y), by their header names. Shuffled with the cell's seed and split as `csv(path)`. A missing
 * header, an unknown column or a non-numeric value is reported with the file, line and column.
 */
@Serializable
@SerialName("csv_regression")
data class CsvRegressionSpec(val path: String, val inputs: List<String>, val target: String, val testFraction: Double) : DatasetSpec {
    override val label: String
        get() = path.substringAfterLast('/').substringAfterLast('\\').substringBeforeLast('.')

    override val testSet: String get() = "a $testFraction share of the rows, held out by a shuffle with the cell's seed"

    override val knownSize: Int? get() = null

    override fun load(seed: Long, scriptDir: Path?): CellData = Type.inDslNames {
        Require.that(path.isNotBlank(), "csv", "path", "name a file", "blank")
        Require.that(inputs.isNotEmpty(), "csv", "inputs", "name at least one input column", "empty")
        Require.that(target !in inputs, "csv", "target", "not be one of the inputs ${inputs.joinToString()}", "'$target'")
        Require.inOpen("csv", "testFraction", testFraction, 0.0, 1.0)
        val file = Path.of(path).let { if (it.isAbsolute || scriptDir == null) it else scriptDir.resolve(it) }
        val split = CellData.split(CsvDataset.loadColumns(file, inputs, listOf(target)), testFraction, seed)
        CellData(split.train, split.test, null, targetDim = 1)
    }

    object Type : ComponentType<DatasetSpec, CsvRegressionSpec>(
        Category.DATASET, CsvRegressionSpec::class, CsvRegressionSpec.serializer(), "csv",
    ) {
        override val engineClasses = listOf(CsvDataset::class.java)
        override val entries get() = listOf(
            "csv(path, inputs, target, testFraction)" to "CSV as regression data: the header's columns named by " +
                "inputs are x, the one named target is y; split as csv(path).",
        )
    }
}

/** The conditional MLP energy E(x, y) of the SNL regression toys; see [ConditionalMlpEnergySpec]. */
fun conditionalMlp(hidden: Int = ConditionalMlpEnergy.Builder.DEFAULT_HIDDEN) = ConditionalMlpEnergySpec(hidden)

/**
 * E(x, y): an x-branch and a y-branch (each two ReLU layers of [hidden]) concatenated and joined by an MLP
 * 2h→h→h→1, as the official toy regression energy; the widths of x and y come from the dataset.
 */
@Serializable
@SerialName("conditional_mlp")
data class ConditionalMlpEnergySpec(val hidden: Int) : EnergySpec {
    override fun build(context: BuildContext) = Type.inDslNames {
        requireTarget("conditionalMlp", context)
        ConditionalMlpEnergy.builder().setFeatureDim(context.train.dim() - context.targetDim).optTargetDim(context.targetDim)
            .optHidden(hidden).build()
    }

    override fun smoke() = copy(hidden = minOf(hidden, SMOKE_WIDTH))

    object Type : ComponentType<EnergySpec, ConditionalMlpEnergySpec>(
        Category.ENERGY, ConditionalMlpEnergySpec::class, ConditionalMlpEnergySpec.serializer(), "conditionalMlp",
    ) {
        override val defaultSpec get() = conditionalMlp()
        override val exampleTargetDim get() = 1
        override val engineClasses = listOf(ConditionalMlpEnergy::class.java)
        override fun engineDefault(context: BuildContext) =
            ConditionalMlpEnergy.builder().setFeatureDim(context.train.dim() - 1).build()
        override val entries get() = listOf(
            "conditionalMlp(hidden)" to "Conditional energy E(x, y): x- and y-branches of width hidden = " +
                "${defaultSpec.hidden}, joined by an MLP (official toy regression energy).",
        )
    }
}

/** A Gaussian on the targets, fitted to the training targets (the official regression default); see [TargetGaussianProposalSpec]. */
fun targetGaussian(jitter: Double = DiagonalGaussianProposal.DEFAULT_JITTER) = TargetGaussianProposalSpec(jitter)

/** q(y) = N(mean, diag(std²)) of the training targets (after a [jitter]-std noise), the same for every x. */
@Serializable
@SerialName("target_gaussian")
data class TargetGaussianProposalSpec(val jitter: Double) : ProposalSpec {
    override fun build(context: BuildContext) = Type.inDslNames {
        requireTarget("targetGaussian", context)
        val d = context.train.dim()
        DiagonalGaussianProposal.fit(context.manager, context.train.columns(d - context.targetDim, d), jitter)
    }

    object Type : ComponentType<ProposalSpec, TargetGaussianProposalSpec>(
        Category.PROPOSAL, TargetGaussianProposalSpec::class, TargetGaussianProposalSpec.serializer(), "targetGaussian",
    ) {
        override val defaultSpec get() = targetGaussian()
        override val exampleTargetDim get() = 1
        override val engineClasses = listOf(DiagonalGaussianProposal::class.java)
        override fun engineDefault(context: BuildContext) = DiagonalGaussianProposal.fit(
            context.manager, context.train.columns(context.train.dim() - 1, context.train.dim()), DiagonalGaussianProposal.DEFAULT_JITTER)
        override val entries get() = listOf(
            "targetGaussian(jitter)" to "Regression proposal: Gaussian with the training targets' mean and std, " +
                "independent of x (official default); jitter = ${defaultSpec.jitter}.",
        )
    }
}

/** A uniform proposal over the training targets' range; see [TargetUniformProposalSpec]. */
fun targetUniform(margin: Double = UniformBoxProposal.DEFAULT_MARGIN) = TargetUniformProposalSpec(margin)

/** q(y) uniform on the training targets' range widened by [margin] × range on each side, the same for every x. */
@Serializable
@SerialName("target_uniform")
data class TargetUniformProposalSpec(val margin: Double) : ProposalSpec {
    override fun build(context: BuildContext) = Type.inDslNames {
        requireTarget("targetUniform", context)
        val d = context.train.dim()
        UniformBoxProposal.fit(context.manager, context.train.columns(d - context.targetDim, d), margin)
    }

    object Type : ComponentType<ProposalSpec, TargetUniformProposalSpec>(
        Category.PROPOSAL, TargetUniformProposalSpec::class, TargetUniformProposalSpec.serializer(), "targetUniform",
    ) {
        override val defaultSpec get() = targetUniform()
        override val exampleTargetDim get() = 1
        override val engineClasses = listOf(UniformBoxProposal::class.java)
        override fun engineDefault(context: BuildContext) = UniformBoxProposal.fit(
            context.manager, context.train.columns(context.train.dim() - 1, context.train.dim()), UniformBoxProposal.DEFAULT_MARGIN)
        override val entries get() = listOf(
            "targetUniform(margin)" to "Regression proposal: uniform over the training targets' range widened by " +
                "margin = ${defaultSpec.margin} × range per side, independent of x.",
        )
    }
}

/** Regression SNL with an amortised normaliser b_φ(x); see [SnlRegressionSpec]. */
fun snlRegression(
    proposalSamples: Int = SnlDefaults.DEFAULT_PROPOSAL_SAMPLES,
    normaliserHidden: List<Int> = SnlDefaults.DEFAULT_NORMALISER_HIDDEN.toList(),
) = SnlRegressionSpec(proposalSamples, normaliserHidden)

/**
 * Self-normalised likelihood for p(y | x): minimises `E(x, y) + b_φ(x) + exp(log Ẑ(x) − b_φ(x)) − 1` with Ẑ(x) from
 * [proposalSamples] target samples per row; b_φ is an MLP feat→[normaliserHidden]…→1 (default: the official
 * "2-layer fc", one hidden layer of 10).
 */
@Serializable
@SerialName("snl_regression")
data class SnlRegressionSpec(val proposalSamples: Int, val normaliserHidden: List<Int>) : ObjectiveSpec {
    override val type: String get() = "snl_regression"

    override fun build(context: BuildContext) = Type.inDslNames {
        requireTarget("snlRegression", context)
        ConditionalSelfNormalisedLikelihood.builder().optProposalSamples(proposalSamples).optTargetDim(context.targetDim)
            .optNormaliserHidden(*normaliserHidden.toIntArray()).build()
    }

    object Type : ComponentType<ObjectiveSpec, SnlRegressionSpec>(
        Category.OBJECTIVE, SnlRegressionSpec::class, SnlRegressionSpec.serializer(), "snlRegression",
    ) {
        override val defaultSpec get() = snlRegression()
        override val exampleTargetDim get() = 1
        override val engineClasses = listOf(ConditionalSelfNormalisedLikelihood::class.java)
        override fun engineDefault(context: BuildContext) = ConditionalSelfNormalisedLikelihood.builder().build()
        override val entries get() = listOf(
            "snlRegression(proposalSamples, normaliserHidden)" to "Regression SNL with b_φ(x); proposalSamples = " +
                "${defaultSpec.proposalSamples} per row, normaliserHidden = ${defaultSpec.normaliserHidden} (official toys).",
        )
    }
}

/** Ranking NCE for p(y | x), no normaliser; see [NceRegressionSpec]. */
fun nceRegression(noiseSamples: Int = ConditionalNoiseContrastiveEstimation.Builder.DEFAULT_NOISE_SAMPLES) =
    NceRegressionSpec(noiseSamples)

/** NCE for regression: a softmax tells each true target from [noiseSamples] proposal targets; Z(x) cancels. */
@Serializable
@SerialName("nce_regression")
data class NceRegressionSpec(val noiseSamples: Int) : ObjectiveSpec {
    override val type: String get() = "nce_regression"

    override fun build(context: BuildContext) = Type.inDslNames {
        requireTarget("nceRegression", context)
        ConditionalNoiseContrastiveEstimation.builder().optNoiseSamples(noiseSamples).optTargetDim(context.targetDim).build()
    }

    object Type : ComponentType<ObjectiveSpec, NceRegressionSpec>(
        Category.OBJECTIVE, NceRegressionSpec::class, NceRegressionSpec.serializer(), "nceRegression",
    ) {
        override val defaultSpec get() = nceRegression()
        override val exampleTargetDim get() = 1
        override val engineClasses = listOf(ConditionalNoiseContrastiveEstimation::class.java)
        override fun engineDefault(context: BuildContext) = ConditionalNoiseContrastiveEstimation.builder().build()
        override val entries get() = listOf(
            "nceRegression(noiseSamples)" to "Regression NCE (ranking form, no b_φ); noiseSamples = " +
                "${defaultSpec.noiseSamples} per row.",
        )
    }
}

/** The log-IS baseline for p(y | x), no normaliser; see [LogIsRegressionSpec]. */
fun logIsRegression(proposalSamples: Int = ConditionalLogImportanceSampling.Builder.DEFAULT_PROPOSAL_SAMPLES) =
    LogIsRegressionSpec(proposalSamples)

/** Minimises `E(x, y) + log Ẑ(x)` with Ẑ(x) from [proposalSamples] target samples per row (biased by Jensen). */
@Serializable
@SerialName("log_is_regression")
data class LogIsRegressionSpec(val proposalSamples: Int) : ObjectiveSpec {
    override val type: String get() = "log_is_regression"

    override fun build(context: BuildContext) = Type.inDslNames {
        requireTarget("logIsRegression", context)
        ConditionalLogImportanceSampling.builder().optProposalSamples(proposalSamples).optTargetDim(context.targetDim).build()
    }

    object Type : ComponentType<ObjectiveSpec, LogIsRegressionSpec>(
        Category.OBJECTIVE, LogIsRegressionSpec::class, LogIsRegressionSpec.serializer(), "logIsRegression",
    ) {
        override val defaultSpec get() = logIsRegression()
        override val exampleTargetDim get() = 1
        override val engineClasses = listOf(ConditionalLogImportanceSampling::class.java)
        override fun engineDefault(context: BuildContext) = ConditionalLogImportanceSampling.builder().build()
        override val entries get() = listOf(
            "logIsRegression(proposalSamples)" to "Regression log-IS baseline (no b_φ); proposalSamples = " +
                "${defaultSpec.proposalSamples} per row.",
        )
    }
}

/** E log p(y | x) with Z(x) by 1-D quadrature over y; see [QuadLogLikelihoodSpec]. */
fun testLogLikelihoodQuad(points: Int = ConditionalQuadratureLogLikelihood.DEFAULT_POINTS, margin: Double = 0.5) =
    QuadLogLikelihoodSpec(points, margin)

/**
 * Mean test log p(y | x) (nats) of a regression model with a 1-D target, log Z(x) by the trapezoid rule on [points]
 * points over the training targets' range widened by [margin] × range on each side.
 */
@Serializable
@SerialName("test_ll_quad")
data class QuadLogLikelihoodSpec(val points: Int, val margin: Double) : MetricSpec {
    init {
        Check.atLeast("points", points, 3)
        Check.atLeast("margin", margin, 0.0)
    }

    override val name: String get() = ConditionalQuadratureLogLikelihood.METRIC
    override val direction get() = Direction.HIGHER
    override val isLogLikelihood get() = true
    override val protocol get() = "Mean test log p(y | x) (nats), log Z(x) by the trapezoid rule on $points points " +
        "over the training targets' range widened by $margin × range on each side."

    override fun smoke() = copy(points = minOf(points, 128))

    /** The range is the cell's: this engine object is the metric on the unit range, for `ebm list` and the registry. */
    override fun engine() = Type.inDslNames { ConditionalQuadratureLogLikelihood(0.0, 1.0, points) }

    override fun bind(cell: MetricContext): CellMetric = Type.inDslNames {
        val targets = cell.build.targetDim
        if (targets != 1) {
            throw SpecException(if (targets == 0) "testLogLikelihoodQuad needs regression data with a 1-D target; " +
                "this cell's dataset has no target" else "testLogLikelihoodQuad integrates over a 1-D target, but " +
                "this cell's dataset has a $targets-D target")
        }
        val train = cell.build.train
        val y = DoubleArray(train.size()) { train.get(it, train.dim() - 1).toDouble() }
        val (lo, hi) = y.min() to y.max()
        val pad = margin * (hi - lo)
        val metric = ConditionalQuadratureLogLikelihood(lo - pad, hi + pad, points)
        CellMetric { parameters, _ -> metric.evaluate(cell.energy, parameters, cell.testData) }
    }

    object Type : ComponentType<MetricSpec, QuadLogLikelihoodSpec>(
        Category.METRIC, QuadLogLikelihoodSpec::class, QuadLogLikelihoodSpec.serializer(), "testLogLikelihoodQuad",
    ) {
        override val engineClasses = listOf(ConditionalQuadratureLogLikelihood::class.java)
        override val entries get() = testLogLikelihoodQuad().let { q ->
            listOf(
                "testLogLikelihoodQuad(points, margin)" to "${q.name}: E log p(y|x) with Z(x) by 1-D quadrature over " +
                    "y, points = ${q.points}, on the training targets' range widened by margin = ${q.margin} per side.",
            )
        }
    }
}
