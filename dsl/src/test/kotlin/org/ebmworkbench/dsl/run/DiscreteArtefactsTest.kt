package org.ebmworkbench.dsl.run

import ai.djl.Device
import ai.djl.ndarray.NDManager
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import org.ebmworkbench.dsl.spec.DATA_CACHE_PROPERTY
import org.ebmworkbench.dsl.spec.buildExperiment
import org.ebmworkbench.dsl.spec.gibbs
import org.ebmworkbench.dsl.spec.grayCode
import org.ebmworkbench.dsl.spec.ising
import org.ebmworkbench.dsl.spec.latticeIsing
import org.ebmworkbench.dsl.spec.logRmseJ
import org.ebmworkbench.dsl.spec.mlp
import org.ebmworkbench.dsl.spec.mmdHamming
import org.ebmworkbench.dsl.spec.snl
import org.ebmworkbench.dsl.spec.twoMoons
import org.ebmworkbench.dsl.spec.uniformBinary
import org.ebmworkbench.engine.energy.IsingEnergy
import org.ebmworkbench.engine.train.Checkpoints
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.RunRecords
import org.ebmworkbench.reports.records.SampleBox
import java.nio.file.Files
import kotlin.math.ln
import kotlin.math.sqrt

/** The discrete artefacts a run writes: decoded Gray-code samples, learned couplings, and the Ĵ = 0 reference. */
class DiscreteArtefactsTest : FunSpec({
    val cache = Files.createTempDirectory("ebm-data-cache")
    val previous = System.setProperty(DATA_CACHE_PROPERTY, cache.toString())
    afterSpec { if (previous == null) System.clearProperty(DATA_CACHE_PROPERTY) else System.setProperty(DATA_CACHE_PROPERTY, previous) }

    fun grayRun(name: String, withMmd: Boolean) = buildExperiment(name) {
        datasets(grayCode(twoMoons(n = 200, nTest = 120)))
        energy = mlp(16)
        proposal = uniformBinary()
        objective = snl(proposalSamples = 32, biasInitSamples = 64)
        train { steps = 4; batch = 32; evaluateEvery = 2; logEvery = 2 }
        if (withMmd) metrics(mmdHamming(samples = 90, sampler = gibbs(steps = 2)))
    }

    test("a Gray-coded cell records its decoded data and model samples inside the code's box") {
        val runs = Files.createTempDirectory("gray-runs")
        for ((withMmd, expected) in listOf(true to 90, false to 120)) {
            val spec = grayRun("gray-$withMmd", withMmd)
            val result = ExperimentRunner(runs, InProcessExecutor(Device.cpu())).run(spec).single()
            withClue(result.status.error ?: "") { result.status.state shouldBe CellState.DONE }
            val cell = RunRecords.readExperiment(runs.resolve("gray-$withMmd")).cells.single()
            val half = (spec.datasets.single() as org.ebmworkbench.dsl.spec.GrayCodeSpec).halfWidth
            val samples = cell.modelSamples.shouldNotBeNull()
            samples.box shouldBe SampleBox.square(half)
            // With mmdHamming its 90 final samples; without, mmdHamming()'s 4000, capped by the 120 test rows.
            withClue("mmd $withMmd") { samples.points.size shouldBe expected }
            samples.points.all { p -> p.all { it > -half && it < half } } shouldBe true
            val data = cell.data.shouldNotBeNull()
            data.points.size shouldBe 200
            data.box shouldBe SampleBox.square(half)
            // Decoded training points are the two-moons points to within a quantisation level.
            val plane = twoMoons(n = 200, nTest = 120).load(0L, null).train
            data.points[7][0] shouldBe (plane.get(7, 0).toDouble() plusOrMinus 2 * half / 65536)
        }
    }

    test("an ising cell's couplings artefact is its symmetrised weight with zero diagonal, beside the true J") {
        val lattice = latticeIsing(3, 0.2, samples = 300, nTest = 100, burnIn = 50, chains = 50)
        val spec = buildExperiment("ising-art") {
            datasets(lattice)
            energy = ising()
            proposal = uniformBinary()
            objective = snl(proposalSamples = 32, biasInitSamples = 64)
            train { steps = 6; batch = 32; evaluateEvery = 3; logEvery = 3 }
            metrics(logRmseJ())
        }
        val runs = Files.createTempDirectory("ising-runs")
        val result = ExperimentRunner(runs, InProcessExecutor(Device.cpu())).run(spec).single()
        withClue(result.status.error ?: "") { result.status.state shouldBe CellState.DONE }
        val cell = RunRecords.readExperiment(runs.resolve("ising-art")).cells.single()
        val c = cell.couplings.shouldNotBeNull()
        c.dim shouldBe 9
        c.truth shouldBe lattice.load(0L, null).trueCouplings!!.flatMap { it.asList() }
        NDManager.newBaseManager().use { m ->
            val w = Checkpoints.load(cell.dir.resolve("checkpoint/final.params"), m).get(IsingEnergy.WEIGHT).toFloatArray()
            for (i in 0 until 9) for (j in 0 until 9) {
                val expected = if (i == j) 0.0 else (w[i * 9 + j] + w[j * 9 + i]) / 2.0
                withClue("J[$i][$j]") { c.learned(i, j) shouldBe (expected plusOrMinus 1e-6) }
            }
        }
        c.learned.any { it != 0.0 } shouldBe true
        // The layout carries the Ĵ = 0 reference of log_rmse_J.
        val layout = RunRecords.readExperiment(runs.resolve("ising-art")).record!!.layout!!
        layout.datasets.single().references["log_rmse_J"]!!.value shouldBe (ln(0.2 * sqrt(4.0 / 9)) plusOrMinus 1e-12)
    }

    test("latticeIsing(n = 5, sigma = 0.25) declares log_rmse_J of Ĵ = 0 as log(0.25·√(4/25))") {
        val reference = latticeIsing(n = 5, sigma = 0.25).metricReferences.getValue("log_rmse_J")
        reference.value shouldBe (ln(0.25 * sqrt(4.0 / 25)) plusOrMinus 1e-12)
        reference.label shouldBe "Ĵ = 0"
        grayCode(twoMoons()).metricReferences shouldBe emptyMap()
    }
})
