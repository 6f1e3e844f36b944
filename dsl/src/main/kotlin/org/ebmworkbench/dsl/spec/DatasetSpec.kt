package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.dsl.run.CellData
import org.ebmworkbench.engine.check.InvalidParameterException
import org.ebmworkbench.engine.check.Require
import org.ebmworkbench.engine.data.CsvDataset
import org.ebmworkbench.engine.data.ToyDatasets
import org.ebmworkbench.reports.records.MetricReference
import java.nio.file.Path

// The datasets of the DSL. The toy generators are the engine's (`ToyDatasets`, the one list of them); each has a
// factory below named after it. A CSV file is the other dataset type.

/**
 * Where a cell's data comes from. [label] names the dataset in cell ids, run folders and reports; [testSet] and
 * [optimalLogLikelihood] are what the run records say of it for the reports' protocol and optimum columns.
 */
interface DatasetSpec {
    val label: String

    /** One sentence: how the test set is made. */
    val testSet: String

    /** The ground-truth optimal expected log-likelihood (nats) when known in closed form or numerically, else null. */
    val optimalLogLikelihood: Double? get() = null

    /**
     * Reference values this dataset gives for metrics, by metric name (e.g. the score of a trivial estimate), which
     * the reports show beside that metric's values; none by default.
     */
    val metricReferences: Map<String, MetricReference> get() = emptyMap()

    /** Training rows when known before loading (toys), else null; smoke runs convert epochs to steps with it. */
    val knownSize: Int?

    /**
     * The cell's training and test data; CSV paths are resolved against [scriptDir] (the script's folder) unless
     * absolute. Throws [SpecException] for a bad value and the engine's `CsvFormatException` for a bad file.
     */
    fun load(seed: Long, scriptDir: Path?): CellData

    /** This dataset in a smoke run; unchanged by default. */
    fun smoke(): DatasetSpec = this
}

/** Uniform on the 8 alternating 2×2 squares of a 4×4 board on [-4, 4]² (SNL and ED code; optimum LL −log 32). */
fun checkerboard(n: Int = TOY_N, nTest: Int = TOY_N): ToyDatasetSpec = ToyDatasetSpec("checkerboard", n, nTest)

/** 25 Gaussians centred on {−4, −2, 0, 2, 4}²/1.414 with std 0.2/1.414 (ED notebook; optimum LL ≈ −2.146). */
fun gaussians25(n: Int = TOY_N, nTest: Int = TOY_N): ToyDatasetSpec = ToyDatasetSpec("gaussians25", n, nTest)

/** 8 Gaussians on a circle of radius 4/1.414 with std 0.5/1.414 (ED/EB-GFN code; optimum LL ≈ −2.831). */
fun gaussians8(n: Int = TOY_N, nTest: Int = TOY_N): ToyDatasetSpec = ToyDatasetSpec("gaussians8", n, nTest)

/** 4 circles of radius 2 centred at (±1, ±1) with noise std 0.1 (SNL code; optimum LL ≈ −2.873). */
fun fourCircles(n: Int = TOY_N, nTest: Int = TOY_N): ToyDatasetSpec = ToyDatasetSpec("four_circles", n, nTest)

/** Neal's funnel in 2-D: y ~ N(0, 1), x | y ~ N(0, e^{2y}), columns [x, y] (SNL code; optimum LL −log 2πe). */
fun funnel(n: Int = TOY_N, nTest: Int = TOY_N): ToyDatasetSpec = ToyDatasetSpec("funnel", n, nTest)

/** 5-arm pinwheel, radial std 0.3, tangential std 0.05, rate 0.25, scaled ×10 (SNL code; needs a large grid box). */
fun pinwheelSnl(n: Int = TOY_N, nTest: Int = TOY_N): ToyDatasetSpec = ToyDatasetSpec("pinwheel_snl", n, nTest)

/** 5-arm pinwheel, radial std 0.3, tangential std 0.1, rate 0.25, scaled ×2 (ED/EB-GFN code). */
fun pinwheelEd(n: Int = TOY_N, nTest: Int = TOY_N): ToyDatasetSpec = ToyDatasetSpec("pinwheel_ed", n, nTest)

/** Two interleaved half-moons (ED/EB-GFN toy suite). */
fun twoMoons(n: Int = TOY_N, nTest: Int = TOY_N): ToyDatasetSpec = ToyDatasetSpec("two_moons", n, nTest)

/** Noisy 2-D Swiss roll (ED/EB-GFN toy suite). */
fun swissRoll(n: Int = TOY_N, nTest: Int = TOY_N): ToyDatasetSpec = ToyDatasetSpec("swiss_roll", n, nTest)

/** Concentric noisy rings (ED/EB-GFN toy suite). */
fun rings(n: Int = TOY_N, nTest: Int = TOY_N): ToyDatasetSpec = ToyDatasetSpec("rings", n, nTest)

/** Two interleaved noisy spirals (ED/EB-GFN toy suite). */
fun twoSpirals(n: Int = TOY_N, nTest: Int = TOY_N): ToyDatasetSpec = ToyDatasetSpec("two_spirals", n, nTest)

/** The 1-D standard normal N(0, 1), the data of the ED paper's w-stabiliser figure (true energy x²/2). */
fun normal1d(n: Int = TOY_N, nTest: Int = TOY_N): ToyDatasetSpec = ToyDatasetSpec("normal_1d", n, nTest)

/** Training and test points of a toy dataset unless a script says otherwise. */
private const val TOY_N = 10_000

/**
 * A synthetic dataset drawn by one of the engine's generators ([ToyDatasets], named by [kind]). Train and test sets
 * are drawn independently from the same generator with the cell's seed, [n] and [nTest] points respectively.
 */
@Serializable
@SerialName("toy")
data class ToyDatasetSpec(val kind: String, val n: Int, val nTest: Int) : DatasetSpec {
    init {
        // Structural, not a range: the kind names the generator, and a script can only reach it through a factory.
        val kinds = ToyDatasets.all().map { it.name() }
        Check.that(kind in kinds) { "toy dataset kind must be one of ${kinds.joinToString()}, was '$kind'" }
    }

    override val label: String get() = kind

    override val testSet: String
        get() = "$nTest points drawn from the generator independently of the $n training points (seeded by the cell's seed)"

    override val optimalLogLikelihood: Double?
        get() = ToyDatasets.byName(kind).optimalLogLikelihood().let { if (it.isPresent) it.asDouble else null }

    override val knownSize: Int get() = n

    override fun load(seed: Long, scriptDir: Path?): CellData {
        val g = ToyDatasets.byName(kind)
        val train = Type.inDsl(kind) { g.sample(n, seed) }
        val test = Type.inDsl(kind, mapOf("n" to "nTest")) { g.sample(nTest, CellData.testSeed(seed)) }
        return CellData(train, test, g)
    }

    override fun smoke() = copy(n = minOf(n, SMOKE_TOY_N), nTest = minOf(nTest, SMOKE_TOY_N_TEST))

    object Type : ComponentType<DatasetSpec, ToyDatasetSpec>(Category.DATASET, ToyDatasetSpec::class, ToyDatasetSpec.serializer(), "toy") {
        override val engineClasses = ToyDatasets.all().map { it.javaClass }.distinct()

        /** The DSL factory of a generator: its name in camel case (`four_circles` → `fourCircles`). */
        fun factoryName(kind: String): String =
            kind.split('_').mapIndexed { i, p -> if (i == 0) p else p.replaceFirstChar(Char::uppercase) }.joinToString("")

        /** [block] with an engine range error in the factory's name, e.g. `gaussians25.n must be ≥ 1, was 0`. */
        fun <T> inDsl(kind: String, names: Map<String, String> = emptyMap(), block: () -> T): T = try {
            block()
        } catch (e: InvalidParameterException) {
            throw SpecException.of(e, factoryName(kind), names)
        }

        override val entries get() = ToyDatasets.all().map { g ->
            val optimum = g.optimalLogLikelihood().let { if (it.isPresent) "; optimum LL ${it.asDouble}" else "" }
            "${factoryName(g.name())}(n, nTest)" to "${g.description()}$optimum; n = $TOY_N training and nTest = $TOY_N " +
                "test points drawn with the cell's seed."
        }
    }
}

/** A numeric CSV file with a header row; a seeded shuffle holds out [testFraction] of the rows for testing. */
fun csv(path: String, testFraction: Double = 0.2): CsvDatasetSpec = CsvDatasetSpec(path, testFraction)

/**
 * A numeric CSV file (header row, one column per dimension). The rows are shuffled with the cell's seed and
 * split: a [testFraction] share is held out as the test set. A relative [path] is resolved against the folder of
 * the script that declared it.
 */
@Serializable
@SerialName("csv")
data class CsvDatasetSpec(val path: String, val testFraction: Double) : DatasetSpec {
    /** The file name without directories and extension, e.g. `power` for `data/power.csv`. */
    override val label: String
        get() = path.substringAfterLast('/').substringAfterLast('\\').substringBeforeLast('.')

    override val testSet: String get() = "a $testFraction share of the rows, held out by a shuffle with the cell's seed"

    override val knownSize: Int? get() = null

    override fun load(seed: Long, scriptDir: Path?): CellData = Type.inDslNames {
        Require.that(path.isNotBlank(), "csv", "path", "name a file", "blank")
        Require.inOpen("csv", "testFraction", testFraction, 0.0, 1.0)
        val file = Path.of(path).let { if (it.isAbsolute || scriptDir == null) it else scriptDir.resolve(it) }
        CellData.split(CsvDataset.load(file), testFraction, seed)
    }

    object Type : ComponentType<DatasetSpec, CsvDatasetSpec>(Category.DATASET, CsvDatasetSpec::class, CsvDatasetSpec.serializer(), "csv") {
        override val engineClasses = listOf(CsvDataset::class.java)
        override val entries get() = listOf(
            "csv(path, testFraction)" to "Numeric CSV with a header row; a relative path is resolved against the " +
                "script's folder; a seeded shuffle holds out testFraction = ${csv("x.csv").testFraction} of the rows.",
        )
    }
}
