package org.ebmworkbench.dsl.spec

import org.ebmworkbench.reports.records.Direction
import ai.djl.ndarray.index.NDIndex
import ai.djl.ndarray.types.DataType
import ai.djl.ndarray.types.Shape
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.engine.check.InvalidParameterException
import org.ebmworkbench.engine.energy.BaseDistributionEnergy
import org.ebmworkbench.engine.energy.PairwiseCouplings
import org.ebmworkbench.engine.eval.CouplingLogRmse
import org.ebmworkbench.engine.eval.ExactBinaryNll
import org.ebmworkbench.engine.eval.HammingMmd
import org.ebmworkbench.engine.eval.SamplerEfficiency
import org.ebmworkbench.engine.eval.UniformIsNll
import org.ebmworkbench.engine.proposal.UniformBinaryProposal
import org.ebmworkbench.engine.sampler.Sampler
import org.ebmworkbench.engine.tensor.Parameters
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.engine.energy.EnergyModel
import ai.djl.ndarray.NDArray
import ai.djl.ndarray.NDManager

// The metrics of discrete EBMs on {0, 1}^D: each with its factory, spec and ComponentType, registered in Components.

/** Binding fails unless the cell's test data are binary: one host read at set-up. */
private fun requireBinaryTestData(metric: String, cell: MetricContext) {
    val x = cell.testData
    val bad = x.eq(0).logicalOr(x.eq(1)).logicalNot().toType(DataType.INT64, false).sum().getLong()
    if (bad > 0) {
        throw SpecException("$metric is a metric of binary data, but $bad of the ${x.size()} test entries are neither 0 " +
            "nor 1 (use it with latticeIsing, grayCode or a binary CSV)")
    }
}

/**
 * The pairwise couplings of [energy], looking through a base distribution (whose independent bits add none), or null
 * when it has none: what `logRmseJ` scores and the couplings artefact draws.
 */
fun pairwiseCouplings(energy: EnergyModel): PairwiseCouplings? =
    ((energy as? BaseDistributionEnergy)?.inner() ?: energy) as? PairwiseCouplings

/** log RMSE of the learned couplings; see [LogRmseJSpec]. */
fun logRmseJ(): LogRmseJSpec = LogRmseJSpec

/**
 * log RMSE of the symmetrised learned coupling matrix against the true one. Direction: lower is better. Protocol:
 * RMSE over all D² entries of (Ĵ + Ĵᵀ)/2 − J, natural log (Grathwohl et al. 2021), Ĵ = 0 scores log(σ√(4/D)) on the
 * lattice. Needs an energy with pairwise couplings (`ising`) and data with known couplings (`latticeIsing`); a base
 * distribution of independent bits adds no couplings, so it is looked through.
 */
@Serializable
@SerialName("log_rmse_j")
data object LogRmseJSpec : MetricSpec {
    override val name: String get() = CouplingLogRmse.METRIC
    override val direction get() = Direction.LOWER
    override val protocol get() = "Natural log of the RMSE over all D² entries of the symmetrised learned couplings " +
        "against the true ones (J = 0 scores log(σ·√(4/D)) on the lattice)."

    override fun engine() = CouplingLogRmse()

    override fun bind(cell: MetricContext): CellMetric {
        val couplings = pairwiseCouplings(cell.energy) ?: throw SpecException(
            "logRmseJ needs an energy with a pairwise coupling matrix (ising); this cell's energy is " +
                ((cell.energy as? BaseDistributionEnergy)?.inner() ?: cell.energy).describe(),
        )
        val truth = cell.trueCouplings ?: throw SpecException(
            "logRmseJ needs data whose true couplings are known (latticeIsing); this cell's data have none",
        )
        val d = truth.size.toLong()
        val truthArray = cell.build.manager.create(
            truth.flatMap { row -> row.map { it.toFloat() } }.toFloatArray(), Shape(d, d),
        )
        val metric = engine()
        return CellMetric { parameters, _ -> metric.evaluate(couplings, parameters, truthArray) }
    }

    object Type : ComponentType<MetricSpec, LogRmseJSpec>(
        Category.METRIC, LogRmseJSpec::class, LogRmseJSpec.serializer(), "logRmseJ",
    ) {
        override val defaultSpec get() = logRmseJ()
        override val engineClasses = listOf(CouplingLogRmse::class.java)
        override fun engineDefault(context: BuildContext) = CouplingLogRmse()
        override val entries get() = listOf(
            "logRmseJ()" to "${CouplingLogRmse.METRIC}: log RMSE of the symmetrised learned J against the true J " +
                "(ising energy on latticeIsing data; J = 0 scores log(sigma * sqrt(4/D))); lower is better.",
        )
    }
}

/** Exponential-Hamming MMD between model samples and test data; see [HammingMmdSpec]. */
fun mmdHamming(
    samples: Int = MMD_HAMMING_SAMPLES,
    sampler: SamplerSpec = gibbs(steps = MMD_HAMMING_SWEEPS),
    bandwidth: Double = HammingMmd.DEFAULT_BANDWIDTH,
): HammingMmdSpec = HammingMmdSpec(samples, sampler, bandwidth)

/** EB-GFN's 4000 model samples against 4000 data points. */
private const val MMD_HAMMING_SAMPLES = 4000

/** EB-GFN's 20 × 32 single-site updates on 32 bits: 20 sweeps. */
private const val MMD_HAMMING_SWEEPS = 20

/**
 * Squared MMD with the exponential Hamming kernel exp(−[bandwidth] · Ham). Direction: lower is better. Protocol (EB-GFN,
 * Zhang et al. 2022): unbiased MMD², diagonals excluded, between [samples] model samples, [sampler] chains of
 * `sampler.steps` steps started uniform on {0, 1}^D, and as many test points (fewer if the test set is smaller).
 */
@Serializable
@SerialName("mmd_hamming")
data class HammingMmdSpec(val samples: Int, val sampler: SamplerSpec, val bandwidth: Double) : MetricSpec {
    override val name: String get() = HammingMmd.METRIC
    override val direction get() = Direction.LOWER
    override val protocol get() = "Unbiased squared MMD, kernel exp(−$bandwidth · Hamming distance), between $samples " +
        "model samples (${dslCall(sampler)} chains started uniform on {0, 1}^D) and as many test points."

    override fun smoke() = copy(samples = minOf(samples, SMOKE_MMD_SAMPLES), sampler = sampler.smoke())

    override fun engine(): HammingMmd = Type.inDslNames {
        Check.atLeast("mmdHamming.samples", samples, 2)
        HammingMmd(bandwidth)
    }

    /** Keeps the final evaluation's model samples in [MetricContext.lastModelSamples] (for the artefacts). */
    override fun bind(cell: MetricContext): CellMetric {
        val mmd = engine()
        requireBinaryTestData("mmdHamming", cell)
        val chains = sampler.build(cell.build)
        return CellMetric { parameters, isFinal ->
            cell.testData.manager.newSubManager().use { m ->
                val x = modelSamples(cell, chains, parameters, m)
                if (isFinal) cell.lastModelSamples = hostRows(x)
                mmd.evaluate(x, cell.testData.get(NDIndex(":${x.shape[0]}")))
            }
        }
    }

    /**
     * Model samples drawn as this metric draws them, on the host: min([samples], test rows) chains of [sampler] from
     * uniform starts. For a cell without the metric, `mmdHamming().sampleModel(…)` draws them with its defaults.
     */
    fun sampleModel(cell: MetricContext, parameters: Parameters): Dataset {
        val chains = sampler.build(cell.build)
        return cell.testData.manager.newSubManager().use { m -> hostRows(modelSamples(cell, chains, parameters, m)) }
    }

    private fun modelSamples(cell: MetricContext, chains: Sampler, parameters: Parameters, m: NDManager): NDArray {
        val n = minOf(samples, cell.testData.shape[0].toInt())
        return chains.run(cell.energy, parameters, UniformBinaryProposal(cell.dim).sample(m, n), sampler.steps, m).samples()
    }

    private fun hostRows(x: NDArray): Dataset =
        Dataset.of(x.toType(DataType.FLOAT32, false).toFloatArray(), x.shape[0].toInt(), x.shape[1].toInt())

    object Type : ComponentType<MetricSpec, HammingMmdSpec>(
        Category.METRIC, HammingMmdSpec::class, HammingMmdSpec.serializer(), "mmdHamming",
    ) {
        override val defaultSpec get() = mmdHamming()
        override val engineClasses = listOf(HammingMmd::class.java)
        override fun engineDefault(context: BuildContext) = HammingMmd(HammingMmd.DEFAULT_BANDWIDTH)
        override val entries get() = defaultSpec.let { d ->
            listOf(
                "mmdHamming(samples, sampler, bandwidth)" to "${HammingMmd.METRIC}: unbiased MMD² with kernel " +
                    "exp(-bandwidth * Hamming), bandwidth = ${d.bandwidth}, samples = ${d.samples} model samples " +
                    "(sampler chains from uniform, default gibbs(steps = ${d.sampler.steps})) vs test points (EB-GFN).",
            )
        }
    }
}

/** NLL with log Z by uniform importance sampling; see [NllIsSpec]. */
fun nllIs(samples: Int = UniformIsNll.DEFAULT_SAMPLES): NllIsSpec = NllIsSpec(samples)

/**
 * Test negative log-likelihood with log Z by importance sampling. Direction: lower is better. Protocol (EB-GFN):
 * log Ẑ = logsumexp_k(−E(z_k)) + D log 2 − log K over K = [samples] uniform draws z_k on {0, 1}^D, NLL = mean test
 * energy + log Ẑ, nats per point; biased low for small K (Jensen).
 */
@Serializable
@SerialName("nll_is")
data class NllIsSpec(val samples: Int) : MetricSpec {
    override val name: String get() = UniformIsNll.METRIC
    override val direction get() = Direction.LOWER
    override val protocol get() = "Mean test negative log-likelihood (nats), log Z by importance sampling with $samples " +
        "uniform draws on {0, 1}^D (biased low by Jensen's inequality, less so as the draws grow)."

    override fun smoke() = copy(samples = minOf(samples, SMOKE_IS_SAMPLES))

    override fun engine() = Type.inDslNames { UniformIsNll(samples) }

    override fun bind(cell: MetricContext): CellMetric {
        val metric = engine()
        requireBinaryTestData("nllIs", cell)
        return CellMetric { parameters, _ -> metric.evaluate(cell.energy, parameters, cell.testData).nll() }
    }

    object Type : ComponentType<MetricSpec, NllIsSpec>(Category.METRIC, NllIsSpec::class, NllIsSpec.serializer(), "nllIs") {
        override val defaultSpec get() = nllIs()
        override val engineClasses = listOf(UniformIsNll::class.java)
        override fun engineDefault(context: BuildContext) = UniformIsNll(UniformIsNll.DEFAULT_SAMPLES)
        override val entries get() = listOf(
            "nllIs(samples)" to "${UniformIsNll.METRIC}: test NLL of binary data with log Z by importance sampling " +
                "from the uniform distribution on {0, 1}^D, samples = ${defaultSpec.samples}; lower is better.",
        )
    }
}

/** Exact NLL by enumeration of {0, 1}^D; see [NllExactSpec]. */
fun nllExact(): NllExactSpec = NllExactSpec

/**
 * Exact test negative log-likelihood. Direction: lower is better. Protocol: log Z = logsumexp of −E over all 2^D
 * binary states, enumerated in chunks on the device, NLL = mean test energy + log Z, nats per point; D ≤ 20 only.
 */
@Serializable
@SerialName("nll_exact")
data object NllExactSpec : MetricSpec {
    override val name: String get() = ExactBinaryNll.METRIC
    override val direction get() = Direction.LOWER
    override val protocol get() = "Mean test negative log-likelihood (nats), log Z exactly by enumerating all 2^D " +
        "binary states (D ≤ ${ExactBinaryNll.MAX_DIM})."

    override fun engine() = ExactBinaryNll()

    override fun bind(cell: MetricContext): CellMetric {
        try {
            ExactBinaryNll.checkDim(cell.dim)
        } catch (e: IllegalArgumentException) {
            throw SpecException("nllExact: ${e.message}")
        }
        requireBinaryTestData("nllExact", cell)
        val metric = engine()
        return CellMetric { parameters, _ -> metric.evaluate(cell.energy, parameters, cell.testData) }
    }

    object Type : ComponentType<MetricSpec, NllExactSpec>(
        Category.METRIC, NllExactSpec::class, NllExactSpec.serializer(), "nllExact",
    ) {
        override val defaultSpec get() = nllExact()
        override val engineClasses = listOf(ExactBinaryNll::class.java)
        override fun engineDefault(context: BuildContext) = ExactBinaryNll()
        override val entries get() = listOf(
            "nllExact()" to "${ExactBinaryNll.METRIC}: exact test NLL of binary data, log Z by enumerating all 2^D " +
                "states (D <= ${ExactBinaryNll.MAX_DIM}); lower is better.",
        )
    }
}

/** What sampler efficiency is divided by. */
@Serializable
enum class EssPer(val metric: String) {
    @SerialName("second") SECOND(SamplerEfficiency.METRIC_PER_SECOND),
    @SerialName("energy_evaluation") ENERGY_EVALUATION(SamplerEfficiency.METRIC_PER_EVALUATION),
}

/** Effective samples per second of [sampler]; see [SamplerEfficiencySpec]. */
fun essPerSecond(sampler: SamplerSpec = gibbs(steps = ESS_STEPS), chains: Int = SamplerEfficiency.Builder.DEFAULT_CHAINS) =
    SamplerEfficiencySpec(sampler, chains, EssPer.SECOND)

/** Effective samples per energy evaluation of [sampler]; see [SamplerEfficiencySpec]. */
fun essPerEnergyEvaluation(
    sampler: SamplerSpec = gibbs(steps = ESS_STEPS),
    chains: Int = SamplerEfficiency.Builder.DEFAULT_CHAINS,
) = SamplerEfficiencySpec(sampler, chains, EssPer.ENERGY_EVALUATION)

/** Sampler steps per efficiency measurement, half of them burn-in. */
private const val ESS_STEPS = 100

/**
 * Sampler efficiency on the cell's current energy. Direction: higher is better. Protocol (DISCS, Goshvadi et al.
 * 2023): [chains] chains of [sampler] start uniform on {0, 1}^D and run `sampler.steps` steps; each state is mapped to
 * its Hamming distance to a uniformly drawn reference state, the first half is burn-in, and the mean per-chain ESS of
 * the rest (TFP's estimator, cut at the first negative autocorrelation) is divided by the seconds ([per] = second) or
 * the energy evaluations per chain ([per] = energy evaluation) of one run of the kept steps.
 */
@Serializable
@SerialName("sampler_efficiency")
data class SamplerEfficiencySpec(val sampler: SamplerSpec, val chains: Int, val per: EssPer) : MetricSpec {
    override val name: String get() = per.metric
    override val direction get() = Direction.HIGHER
    override val protocol get() = "Effective samples per ${per.name.lowercase().replace('_', ' ')} of $chains " +
        "${dslCall(sampler)} chains started uniform on {0, 1}^D: ESS of the Hamming distance to a random reference " +
        "state after half the steps as burn-in (DISCS)."

    override fun smoke() = copy(sampler = sampler.smoke(), chains = minOf(chains, SMOKE_ESS_CHAINS))

    /** The factory this spec came from, the component of its messages. */
    private val factory: String get() = if (per == EssPer.SECOND) "essPerSecond" else "essPerEnergyEvaluation"

    override fun engine(): SamplerEfficiency = try {
        SamplerEfficiency.builder().optChains(chains).build()
    } catch (e: InvalidParameterException) {
        throw SpecException.of(e, factory, emptyMap())
    }

    override fun bind(cell: MetricContext): CellMetric {
        val efficiency = engine()
        requireBinaryTestData(factory, cell)
        val chainSampler = sampler.build(cell.build)
        val kept = sampler.steps - Math.floor(sampler.steps * efficiency.burnInFraction()).toInt()
        Check.that(kept >= 2) {
            "$factory.sampler.steps must leave ≥ 2 steps after the burn-in half, was ${sampler.steps}"
        }
        return CellMetric { parameters, _ ->
            val result = efficiency.evaluate(chainSampler, cell.energy, parameters, sampler.steps, cell.testData.manager)
            if (per == EssPer.SECOND) result.essPerSecond() else result.essPerEnergyEvaluation()
        }
    }

    object Type : ComponentType<MetricSpec, SamplerEfficiencySpec>(
        Category.METRIC, SamplerEfficiencySpec::class, SamplerEfficiencySpec.serializer(), "essPerSecond",
    ) {
        override val defaultSpec get() = essPerSecond()
        override val engineClasses = listOf(SamplerEfficiency::class.java)
        override fun engineDefault(context: BuildContext) = SamplerEfficiency.builder().build()
        override val entries get() = defaultSpec.let { d ->
            val protocol = "${d.chains} chains of the sampler (default gibbs(steps = ${d.sampler.steps})) from uniform, " +
                "ESS of the Hamming distance to a reference state after half the steps (DISCS); higher is better."
            listOf(
                "essPerSecond(sampler, chains)" to "${SamplerEfficiency.METRIC_PER_SECOND}: ESS per second; $protocol",
                "essPerEnergyEvaluation(sampler, chains)" to
                    "${SamplerEfficiency.METRIC_PER_EVALUATION}: ESS per energy evaluation of a chain; $protocol",
            )
        }
    }
}

/** Chains of a smoke run's efficiency metric. */
private const val SMOKE_ESS_CHAINS = 8
