package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.dsl.run.CellData
import org.ebmworkbench.engine.data.GrayCode
import org.ebmworkbench.engine.data.LatticeIsing
import org.ebmworkbench.engine.data.ToyDatasets
import org.ebmworkbench.engine.eval.CouplingLogRmse
import org.ebmworkbench.reports.records.MetricReference
import java.nio.file.Path
import kotlin.math.ln

// The binary datasets of the DSL: the lattice Ising benchmark and the Gray code of any 2-D dataset. Each with its
// factory, spec and ComponentType, registered in Components.

/**
 * Where lattice Ising samples are cached: the system property `ebm.dataCacheDir` (for tests and programs that embed
 * the workbench), else `$EBM_DATA_CACHE_DIR`, else `~/.cache/ebm-workbench/data`. Outside the run folder on purpose:
 * one file per parameter set serves every experiment, cell and Slurm task that uses it.
 */
fun dataCacheDir(): Path = (System.getProperty(DATA_CACHE_PROPERTY) ?: System.getenv("EBM_DATA_CACHE_DIR"))?.let { Path.of(it) }
    ?: Path.of(System.getProperty("user.home"), ".cache", "ebm-workbench", "data")

/** The system property that overrides [dataCacheDir]. */
const val DATA_CACHE_PROPERTY = "ebm.dataCacheDir"

/** Lattice Ising samples on {0, 1}^(n²); see [LatticeIsingSpec]. */
fun latticeIsing(
    n: Int,
    sigma: Double,
    samples: Int = ISING_SAMPLES,
    nTest: Int = ISING_SAMPLES,
    burnIn: Int = LatticeIsing.Builder.DEFAULT_BURN_IN,
    thin: Int = LatticeIsing.Builder.DEFAULT_THIN,
    chains: Int = LatticeIsing.Builder.DEFAULT_CHAINS,
): LatticeIsingSpec = LatticeIsingSpec(n, sigma, samples, nTest, burnIn, thin, chains)

/** Training samples of the lattice Ising benchmark (Grathwohl et al. 2021's 2000), and as many test samples. */
private const val ISING_SAMPLES = 2000

/**
 * The lattice Ising benchmark (Grathwohl et al. 2021): x ∈ {0, 1}^D, D = n², on a periodic n × n lattice with
 * p(x) ∝ exp(sᵀJs), s = 2x − 1, J = σ·(lattice adjacency), no field, the convention of the `ising` energy. The data
 * are 0/1. [samples] training and [nTest] test rows come from one seeded Gibbs run ([chains] chains, [burnIn] sweeps
 * of burn-in, one row per chain every [thin] sweeps), seeded with the cell's seed; rows are chain by chain, the
 * training rows first. The run is cached ([dataCacheDir]) under every parameter and the seed. The true J reaches the
 * `logRmseJ` metric.
 */
@Serializable
@SerialName("lattice_ising")
data class LatticeIsingSpec(
    val n: Int,
    val sigma: Double,
    val samples: Int,
    val nTest: Int,
    val burnIn: Int,
    val thin: Int,
    val chains: Int,
) : DatasetSpec {
    override val label: String get() = "ising_n${n}_sigma$sigma"

    override val testSet: String
        get() = "$nTest rows of the same seeded Gibbs run as the $samples training rows, after them (seeded by the cell's seed)"

    override val knownSize: Int get() = samples

    /**
     * `log_rmse_J` of the estimate Ĵ = 0, log(σ·√(4/D)): the line a learned J must get below. None for parameters the
     * generator refuses: the cells report that error where it belongs, at their dataset.
     */
    override val metricReferences: Map<String, MetricReference>
        get() {
            val rmse = try {
                generator(LatticeIsing.Builder.DEFAULT_SEED).zeroEstimateRmse()
            } catch (e: SpecException) {
                return emptyMap()
            }
            return ln(rmse).takeIf { it.isFinite() }?.let { mapOf(CouplingLogRmse.METRIC to MetricReference(it, "Ĵ = 0")) }.orEmpty()
        }

    /** The generator of a cell with [seed]: train and test rows from one run. */
    fun generator(seed: Long): LatticeIsing = Type.inDslNames {
        Check.atLeast("latticeIsing.samples", samples, 1)
        Check.atLeast("latticeIsing.nTest", nTest, 1)
        LatticeIsing.builder().setSide(n).setSigma(sigma).setSamples(samples + nTest).optBurnIn(burnIn).optThin(thin)
            .optChains(chains).optSeed(seed).build()
    }

    override fun load(seed: Long, scriptDir: Path?): CellData {
        val lattice = generator(seed)
        val all = lattice.load(dataCacheDir())
        val train = all.subset(IntArray(samples) { it })
        val test = all.subset(IntArray(nTest) { samples + it })
        return CellData(train, test, null, trueCouplings = lattice.couplings())
    }

    override fun smoke() = copy(
        samples = minOf(samples, SMOKE_TOY_N), nTest = minOf(nTest, SMOKE_TOY_N_TEST), burnIn = minOf(burnIn, SMOKE_BURN_IN),
    )

    object Type : ComponentType<DatasetSpec, LatticeIsingSpec>(
        Category.DATASET, LatticeIsingSpec::class, LatticeIsingSpec.serializer(), "latticeIsing",
    ) {
        override val engineClasses = listOf(LatticeIsing::class.java)
        override val parameterNames get() = mapOf("samples" to "samples + nTest")
        override val entries get() = latticeIsing(3, 0.1).let { d ->
            listOf(
                "latticeIsing(n, sigma, samples, nTest, burnIn, thin, chains)" to "Periodic n x n lattice Ising on " +
                    "{0, 1}^(n²), p ~ exp(s'Js), s = 2x - 1, J = sigma * adjacency (Grathwohl et al. 2021); samples = " +
                    "${d.samples} and nTest = ${d.nTest} rows from ${d.chains} seeded Gibbs chains, burnIn = " +
                    "${d.burnIn} sweeps, thin = ${d.thin}; cached in \$EBM_DATA_CACHE_DIR or ~/.cache/ebm-workbench/data.",
            )
        }
    }
}

/** Smoke runs keep the lattice but shorten the burn-in. */
private const val SMOKE_BURN_IN = 200

/** The Gray code of a 2-D dataset; see [GrayCodeSpec]. */
fun grayCode(
    dataset: DatasetSpec,
    halfWidth: Double = GrayCodeSpec.referenceHalfWidth(dataset),
    bitsPerCoordinate: Int = GrayCode.DEFAULT_BITS_PER_COORDINATE,
): GrayCodeSpec = GrayCodeSpec(dataset, halfWidth, bitsPerCoordinate)

/**
 * The 2-D [dataset] on {0, 1}^(2b), b = [bitsPerCoordinate] (32 bits by default): each coordinate quantised to 2^b
 * levels over `[-halfWidth, halfWidth)`, Gray-coded and concatenated, x first (the EB-GFN and discrete-ED benchmark
 * toys). The default [halfWidth] is the reference code's range for a toy, max |coordinate| + 2 over 5000 points drawn
 * with seed 1, computed when the script runs so the record holds the number; other datasets need it given. The code
 * reaches the cell (`CellData.grayCode`), which decodes model samples back to the plane.
 */
@Serializable
@SerialName("gray_code")
data class GrayCodeSpec(val dataset: DatasetSpec, val halfWidth: Double, val bitsPerCoordinate: Int) : DatasetSpec {
    override val label: String
        get() = (if (bitsPerCoordinate == GrayCode.DEFAULT_BITS_PER_COORDINATE) "gray_" else "gray${2 * bitsPerCoordinate}_") +
            dataset.label

    override val testSet: String
        get() = "the Gray codes ($bitsPerCoordinate bits per coordinate over [−$halfWidth, $halfWidth]) of ${dataset.testSet}"

    override val knownSize: Int? get() = dataset.knownSize

    fun code(): GrayCode = Type.inDslNames { GrayCode(halfWidth, bitsPerCoordinate) }

    override fun load(seed: Long, scriptDir: Path?): CellData {
        val code = code()
        val plane = dataset.load(seed, scriptDir)
        return Type.inDslNames { CellData(code.encode(plane.train), code.encode(plane.test), null, grayCode = code) }
    }

    override fun smoke() = copy(dataset = dataset.smoke())

    companion object {
        /** The reference code's range for [dataset], a toy; other datasets have no default. */
        fun referenceHalfWidth(dataset: DatasetSpec): Double {
            val toy = dataset as? ToyDatasetSpec ?: throw SpecException(
                "grayCode(${dataset.label}) needs an explicit halfWidth: the default comes from a toy generator's " +
                    "reference sample", "halfWidth",
            )
            val reference = ToyDatasets.byName(toy.kind).sample(GrayCode.REFERENCE_POINTS, GrayCode.REFERENCE_SEED)
            return Type.inDslNames { GrayCode.referenceHalfWidth(reference) }
        }
    }

    object Type : ComponentType<DatasetSpec, GrayCodeSpec>(
        Category.DATASET, GrayCodeSpec::class, GrayCodeSpec.serializer(), "grayCode",
    ) {
        override val engineClasses = listOf(GrayCode::class.java)
        override val parameterNames get() = mapOf("data" to "dataset")
        override val entries get() = listOf(
            "grayCode(dataset, halfWidth, bitsPerCoordinate)" to "A 2-D dataset on {0, 1}^(2b): each coordinate " +
                "quantised to 2^b levels over [-halfWidth, halfWidth), Gray-coded, x then y; bitsPerCoordinate = " +
                "${GrayCode.DEFAULT_BITS_PER_COORDINATE} (32 bits); halfWidth = max |coordinate| + 2 of the toy " +
                "(reference code's range).",
        )
    }
}
