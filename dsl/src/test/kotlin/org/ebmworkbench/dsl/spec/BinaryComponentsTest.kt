package org.ebmworkbench.dsl.spec

import ai.djl.Device
import ai.djl.ndarray.NDManager
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.serialization.PolymorphicSerializer
import org.ebmworkbench.dsl.run.CellEngine
import org.ebmworkbench.dsl.run.ExperimentRunner
import org.ebmworkbench.dsl.run.InProcessExecutor
import org.ebmworkbench.engine.data.BinaryData
import org.ebmworkbench.engine.data.GrayCode
import org.ebmworkbench.engine.data.ToyDatasets
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.RunRecords
import java.nio.file.Files
import kotlin.math.abs
import kotlin.math.ln

/** The binary datasets, proposals and metrics as a script uses them: loading, JSON, errors, and a run end to end. */
class BinaryComponentsTest : FunSpec({
    val cache = Files.createTempDirectory("ebm-data-cache")
    val previous = System.setProperty(DATA_CACHE_PROPERTY, cache.toString())
    afterSpec { if (previous == null) System.clearProperty(DATA_CACHE_PROPERTY) else System.setProperty(DATA_CACHE_PROPERTY, previous) }

    val small = latticeIsing(3, 0.2, samples = 500, nTest = 300, burnIn = 50, chains = 50)

    test("latticeIsing loads binary train and test rows from one cached run, with the true J for the metrics") {
        val data = small.load(4L, null)
        data.train.size() shouldBe 500
        data.test.size() shouldBe 300
        data.train.dim() shouldBe 9
        BinaryData.nonBinaryEntries(data.train) shouldBe 0L
        data.trueCouplings.shouldNotBeNull().let { j -> j[0][1] shouldBe 0.2; j[0][4] shouldBe 0.0 }
        Files.list(cache).use { it.count() } shouldBe 1L
        small.load(4L, null).train shouldBe data.train
        small.copy(sigma = 0.3).load(4L, null)
        Files.list(cache).use { it.count() } shouldBe 2L
        small.label shouldBe "ising_n3_sigma0.2"
    }

    test("grayCode wraps a toy: the default range is the reference rule, rows are 2b bits that decode near the points") {
        val spec = grayCode(twoMoons(n = 400, nTest = 200))
        val reference = ToyDatasets.byName("two_moons").sample(5000, 1L)
        spec.halfWidth shouldBe GrayCode.referenceHalfWidth(reference)
        spec.label shouldBe "gray_two_moons"
        val data = spec.load(2L, null)
        data.train.dim() shouldBe 32
        BinaryData.nonBinaryEntries(data.train) shouldBe 0L
        val plane = twoMoons(n = 400, nTest = 200).load(2L, null).train
        val back = data.grayCode.shouldNotBeNull().decode(data.train)
        for (i in 0 until 400) abs(back.get(i, 0) - plane.get(i, 0)).toDouble() shouldBe (0.0 plusOrMinus spec.code().resolution())
        grayCode(twoMoons(), bitsPerCoordinate = 5).label shouldBe "gray10_two_moons"
    }

    test("grayCode and latticeIsing round-trip through JSON, the wrapped dataset included") {
        val serializer = PolymorphicSerializer(DatasetSpec::class)
        for (spec in listOf<DatasetSpec>(small, grayCode(checkerboard(n = 100)), grayCode(csv("a.csv"), halfWidth = 3.0))) {
            SpecJson.json.decodeFromString(serializer, SpecJson.json.encodeToString(serializer, spec)) shouldBe spec
        }
    }

    test("bad binary specs fail with the component and parameter named") {
        shouldThrow<SpecException> { grayCode(csv("a.csv")) }.message shouldContain "needs an explicit halfWidth"
        shouldThrow<SpecException> { grayCode(normal1d()) }.message shouldContain "grayCode.dataset must be 2-D points"
        shouldThrow<SpecException> { small.copy(n = 2).load(0L, null) }.message shouldContain "latticeIsing.n must be ≥ 3"
        shouldThrow<SpecException> { grayCode(twoMoons(), halfWidth = -1.0).load(0L, null) }.message shouldContain
            "grayCode.halfWidth"
        NDManager.newBaseManager().use { m ->
            val continuous = BuildContext(ToyDatasets.byName("checkerboard").sample(50, 1L), m, 0L)
            shouldThrow<SpecException> { dataMeanBernoulli().build(continuous) }.message shouldContain
                "dataMeanBernoulli.data must be binary"
        }
    }

    test("the discrete metrics refuse cells they cannot score, saying why") {
        val binaryCell = buildExperiment("refuse") {
            datasets(grayCode(twoMoons(n = 200, nTest = 100)))
            energy = mlp(8)
            proposal = uniformBinary()
            objective = snl(proposalSamples = 16, biasInitSamples = 16)
            train { steps = 2; batch = 16 }
        }.cells().single()
        NDManager.newBaseManager().use { m ->
            val data = CellEngine.data(binaryCell, null)
            fun bindError(metric: MetricSpec) = shouldThrow<Exception> {
                CellEngine.build(binaryCell.copy(metrics = listOf(metric)), data, m)
            }.message!!
            bindError(nllExact()) shouldContain "D ≤ 20, but the data have D = 32"
            bindError(logRmseJ()) shouldContain "logRmseJ needs an energy with a pairwise coupling matrix"
            bindError(essPerEnergyEvaluation(gibbs(steps = 3), chains = 0)) shouldContain
                "essPerEnergyEvaluation.chains must be ≥ 1"
            bindError(essPerEnergyEvaluation(gibbs(steps = 2))) shouldContain "essPerEnergyEvaluation.sampler.steps"
            val continuousCell = binaryCell.copy(dataset = twoMoons(n = 200, nTest = 100), proposal = gaussian())
            val continuous = CellEngine.data(continuousCell, null)
            shouldThrow<Exception> { CellEngine.build(continuousCell.copy(metrics = listOf(nllIs())), continuous, m) }
                .message!! shouldContain "nllIs is a metric of binary data"
        }
    }

    test("a discrete cell trains and records every discrete metric; nll_is agrees with nll_exact on 9 bits") {
        val spec = buildExperiment("binary-run") {
            datasets(small)
            energy = mlp(16, 16)
            proposal = uniformBinary()
            objective = snl(proposalSamples = 64, biasInitSamples = 256)
            train { steps = 40; batch = 64; evaluateEvery = 20; logEvery = 10 }
            metrics(
                nllExact(), nllIs(samples = 20_000), mmdHamming(samples = 200, sampler = gibbs(steps = 2)),
                essPerSecond(gibbs(steps = 10), chains = 4), essPerEnergyEvaluation(gibbs(steps = 10), chains = 4),
            )
        }
        val runs = Files.createTempDirectory("binary-runs")
        val result = ExperimentRunner(runs, InProcessExecutor(Device.cpu())).run(spec).single()
        withClue(result.status.error ?: "") { result.status.state shouldBe CellState.DONE }
        val summary = RunRecords.readExperiment(runs.resolve("binary-run")).cells.single().summary.shouldNotBeNull().metrics
        val exact = summary["nll_exact"]!!
        // 9 bits: uniform IS with 20 000 draws is accurate to well under 0.05 nats for a model near its data.
        summary["nll_is"]!! shouldBe (exact plusOrMinus 0.05)
        // A density on 9 bits: positive NLL, and after 40 SNL steps from near-uniform not much worse than uniform.
        withClue("nll_exact $exact") { (exact > 0 && exact < 9 * ln(2.0) + 0.5) shouldBe true }
        summary["ess_per_second"]!! shouldBeGreaterThan 0.0
        // Gibbs on 9 bits: 18 rows per chain and sweep, at most one effective sample per kept sweep.
        summary["ess_per_energy_evaluation"]!! shouldBeGreaterThan 0.0
        (summary["ess_per_energy_evaluation"]!! <= 1.0 / 18 + 1e-9) shouldBe true
        withClue("mmd_hamming") { summary["mmd_hamming"]!!.isFinite() shouldBe true }
    }
    test("every binary proposal and metric round-trips through JSON, and its smoke copy is idempotent") {
        val spec = buildExperiment("binary-json") {
            datasets(small, grayCode(twoMoons(n = 300)))
            energy = mlp(8)
            proposal = dataMeanBernoulli(epsilon = 0.05)
            objective = snl(proposalSamples = 16)
            train { steps = 5; batch = 16 }
            metrics(
                logRmseJ(), mmdHamming(samples = 300, sampler = gibbs(steps = 7), bandwidth = 0.2), nllIs(5000),
                nllExact(), essPerSecond(gibbs(steps = 50), chains = 16), essPerEnergyEvaluation(gibbs(steps = 40)),
            )
        }
        for (s in listOf(spec, spec.copy(variants = spec.variants.map { it.copy(proposal = uniformBinary()) }))) {
            SpecJson.json.decodeFromString(ExperimentSpec.serializer(), SpecJson.json.encodeToString(ExperimentSpec.serializer(), s)) shouldBe s
            s.smoke().smoke() shouldBe s.smoke()
        }
        spec.variants.single().metrics.map { it.name } shouldBe
            listOf("log_rmse_J", "mmd_hamming", "nll_is", "nll_exact", "ess_per_second", "ess_per_energy_evaluation")
    }
})
