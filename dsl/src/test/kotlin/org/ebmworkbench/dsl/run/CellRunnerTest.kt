package org.ebmworkbench.dsl.run

import ai.djl.Device
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.dsl.spec.buildExperiment
import org.ebmworkbench.dsl.spec.checkerboard
import org.ebmworkbench.dsl.spec.contrastiveDivergence
import org.ebmworkbench.dsl.spec.csv
import org.ebmworkbench.dsl.spec.decoupledLangevin
import org.ebmworkbench.dsl.spec.denoisingScoreMatching
import org.ebmworkbench.dsl.spec.energyDiscrepancy
import org.ebmworkbench.dsl.spec.logIs
import org.ebmworkbench.dsl.spec.mmd
import org.ebmworkbench.dsl.spec.mseLogDensity
import org.ebmworkbench.dsl.spec.normal1d
import org.ebmworkbench.dsl.spec.silu
import org.ebmworkbench.dsl.spec.twoMoons
import org.ebmworkbench.dsl.spec.nce
import org.ebmworkbench.dsl.spec.scoreMatching
import org.ebmworkbench.dsl.spec.slicedScoreMatching
import org.ebmworkbench.dsl.spec.gaussians8
import org.ebmworkbench.dsl.spec.hmc
import org.ebmworkbench.dsl.spec.langevin
import org.ebmworkbench.dsl.spec.mala
import org.ebmworkbench.dsl.spec.replayBuffer
import org.ebmworkbench.dsl.spec.gaussianMixture
import org.ebmworkbench.dsl.spec.testLogLikelihoodIs
import org.ebmworkbench.dsl.spec.mlp
import org.ebmworkbench.dsl.spec.snl
import org.ebmworkbench.dsl.spec.testLogLikelihoodGrid
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.RunRecords
import java.nio.file.Files
import kotlin.math.exp

/** A cell runs end to end into run records, reruns are skipped, failures are recorded, checkpoints reload. */
class CellRunnerTest : FunSpec({
    val spec = buildExperiment("runner-test") {
        datasets(checkerboard(n = 1000, nTest = 500))
        energy = mlp(16, 16)
        objective = snl(proposalSamples = 64, biasInitSamples = 256)
        train { steps = 40; batch = 64; ema = 0.9; evaluateEvery = 20; logEvery = 10 }
        metrics(testLogLikelihoodGrid(box = 5.0, resolution = 50))
    }
    val runs = Files.createTempDirectory("runs")
    val runner = ExperimentRunner(runs, InProcessExecutor(Device.cpu()))
    val first = runner.run(spec).single()

    test("a cell writes spec, status, metrics, summary, checkpoints and artefacts") {
        first.status.state shouldBe CellState.DONE
        first.reused shouldBe false
        val dir = runs.resolve("runner-test").resolve(first.cellId)
        for (f in listOf("spec.json", "status.json", "metrics.csv", "summary.json", "checkpoint/final.params",
                "checkpoint/ema.params", "artefacts/density.json", "artefacts/data.json")) {
            withClue(f) { Files.isRegularFile(dir.resolve(f)) shouldBe true }
        }
        val cell = RunRecords.readExperiment(runs.resolve("runner-test")).cells.single()
        cell.metrics.shouldNotBeNull().columns shouldContainAll listOf("step", "wall_seconds", "loss", "ess", "b", "test_ll_grid")
        // Rows at steps 10, 20, 30, 40; evaluations merged into the rows at 20 and 40.
        cell.metrics!!.column("step")!!.toList() shouldBe listOf(10.0, 20.0, 30.0, 40.0)
        cell.summary.shouldNotBeNull().metrics.keys shouldBe setOf("test_ll_grid")
        cell.summary!!.optimalLogLikelihood!! shouldBe (-Math.log(32.0) plusOrMinus 1e-3)
        cell.status!!.versions.keys shouldContainAll listOf("djl", "pytorch", "java")
    }

    test("an unchanged finished cell is reused, not recomputed") {
        runner.run(spec).single().reused shouldBe true
    }

    test("the checkpoint reloads into the same energies as the saved density") {
        val dir = runs.resolve("runner-test").resolve(first.cellId)
        val density = RunRecords.readExperiment(runs.resolve("runner-test")).cells.single().density.shouldNotBeNull()
        TrainedModel.load(dir).use { model ->
            // The saved density is exp(−E_ema − log Z); ratios between grid points cancel log Z.
            val n = density.resolution
            val step = (density.xMax - density.xMin) / (n - 1)
            val p1 = doubleArrayOf(density.xMin + 10 * step, density.yMin + 20 * step)
            val p2 = doubleArrayOf(density.xMin + 30 * step, density.yMin + 25 * step)
            val e = model.energies(listOf(p1, p2))
            val expected = density.at(30, 25) - density.at(10, 20)
            (e[0] - e[1]) shouldBe (expected plusOrMinus 1e-4)
            exp(-e[0]).isFinite() shouldBe true
        }
    }

    test("a fitted Gaussian-mixture proposal runs end to end") {
        val gmm = buildExperiment("runner-gmm") {
            datasets(checkerboard(n = 1000, nTest = 500))
            energy = mlp(16, 16)
            proposal = gaussianMixture(components = 8)
            objective = snl(proposalSamples = 64, biasInitSamples = 256)
            train { steps = 20; batch = 64; evaluateEvery = 20; logEvery = 10 }
            metrics(testLogLikelihoodGrid(box = 5.0, resolution = 50), testLogLikelihoodIs(samples = 2000))
        }
        val outcome = ExperimentRunner(runs, InProcessExecutor(Device.cpu())).run(gmm).single()
        withClue(outcome.status.error ?: "") { outcome.status.state shouldBe CellState.DONE }
    }

    test("contrastive divergence with each sampler runs end to end, with the sampler's diagnostics logged") {
        for ((name, sampler) in listOf("langevin" to langevin(steps = 3), "mala" to mala(steps = 3),
                "hmc" to hmc(steps = 2, leapfrogSteps = 2), "decoupled" to decoupledLangevin(steps = 3))) {
            val cd = buildExperiment("runner-cd-$name") {
                datasets(gaussians8(n = 500, nTest = 200))
                energy = mlp(16, 16)
                objective = contrastiveDivergence(sampler, init = replayBuffer, energyL2 = 0.3, bufferSize = 200)
                train { steps = 10; batch = 32; evaluateEvery = 10; logEvery = 5 }
                metrics(testLogLikelihoodGrid(box = 5.0, resolution = 40, selfCheck = false))
            }
            val outcome = ExperimentRunner(runs, InProcessExecutor(Device.cpu())).run(cd).single()
            withClue("$name: ${outcome.status.error}") { outcome.status.state shouldBe CellState.DONE }
            val metrics = RunRecords.readExperiment(runs.resolve("runner-cd-$name")).cells.single().metrics.shouldNotBeNull()
            metrics.columns shouldContainAll listOf("loss", "energy_gap", "acceptance_rate", "grad_norm", "test_ll_grid")
        }
    }

    test("NCE, ED, log-IS and the three score matchings run end to end, each logging its diagnostics") {
        val cases = listOf(
            Triple("nce", nce(noisePerDatum = 2), listOf("accuracy", "c")),
            Triple("ed", energyDiscrepancy(w = 0.0), listOf("energy_gap")),
            Triple("log_is", logIs(proposalSamples = 32), listOf("log_z", "ess")),
            Triple("sm", scoreMatching(), listOf("grad_sq", "laplacian")),
            Triple("dsm", denoisingScoreMatching(), listOf("grad_sq")),
            Triple("ssm", slicedScoreMatching(projections = 2, varianceReduced = true), listOf("grad_sq")),
        )
        for ((name, objective, diagnostics) in cases) {
            val cell = buildExperiment("runner-$name") {
                datasets(gaussians8(n = 500, nTest = 200))
                energy = mlp(16, 16)
                this.objective = objective
                train { steps = 10; batch = 32; evaluateEvery = 10; logEvery = 5 }
                metrics(testLogLikelihoodGrid(box = 5.0, resolution = 40, selfCheck = false))
            }
            val outcome = ExperimentRunner(runs, InProcessExecutor(Device.cpu())).run(cell).single()
            withClue("$name: ${outcome.status.error}") { outcome.status.state shouldBe CellState.DONE }
            val metrics = RunRecords.readExperiment(runs.resolve("runner-$name")).cells.single().metrics.shouldNotBeNull()
            metrics.columns shouldContainAll listOf("loss", "test_ll_grid") + diagnostics
        }
    }

    test("a 1-D cell writes its density curve beside the true log-density, and MSE/MMD metrics are evaluated") {
        val oneD = buildExperiment("runner-1d") {
            datasets(normal1d(n = 1000, nTest = 500))
            energy = mlp(8, activation = silu)
            objective = energyDiscrepancy()
            train { steps = 20; batch = 64; evaluateEvery = 20; logEvery = 10 }
            metrics(testLogLikelihoodGrid(box = 6.0, resolution = 200, selfCheck = false), mseLogDensity(points = 500),
                mmd(samples = 100, sampler = mala(steps = 5)))
        }
        val outcome = ExperimentRunner(runs, InProcessExecutor(Device.cpu())).run(oneD).single()
        withClue(outcome.status.error ?: "") { outcome.status.state shouldBe CellState.DONE }
        val cell = RunRecords.readExperiment(runs.resolve("runner-1d")).cells.single()
        val curve = cell.densityCurve.shouldNotBeNull()
        curve.logDensity.size shouldBe 200
        val reference = curve.reference.shouldNotBeNull()
        reference[100] shouldBe (-0.5 * curve.x(100) * curve.x(100) - 0.5 * kotlin.math.ln(2 * Math.PI) plusOrMinus 1e-12)
        // The model density is normalised on the grid: its quadrature integrates to 1.
        curve.logDensity.sumOf { exp(it) } * (curve.xMax - curve.xMin) / 199 shouldBe (1.0 plusOrMinus 0.02)
        val summary = cell.summary.shouldNotBeNull()
        summary.metrics.keys shouldBe setOf("test_ll_grid", "mse_log_density", "mmd")
        summary.metrics.values.forEach { it.isFinite() shouldBe true }
        summary.optimalLogLikelihood.shouldNotBeNull() shouldBe (-1.4189 plusOrMinus 1e-4)
    }

    test("mseLogDensity on data without a closed-form density fails the cell with a clear reason") {
        val bad = buildExperiment("runner-mse-bad") {
            datasets(twoMoons(n = 200, nTest = 100))
            energy = mlp(8)
            objective = energyDiscrepancy()
            train { steps = 5 }
            metrics(mseLogDensity())
        }
        val outcome = ExperimentRunner(runs, InProcessExecutor(Device.cpu())).run(bad).single()
        outcome.status.state shouldBe CellState.FAILED
        outcome.status.error.shouldNotBeNull() shouldContain "mseLogDensity needs a toy dataset whose density is known"
    }

    test("a failing cell is recorded as failed with its reason, and nothing is thrown") {
        val bad = buildExperiment("runner-fail") {
            datasets(csv("/nonexistent/data.csv"))
            energy = mlp(8)
            objective = snl()
            train { steps = 5 }
            metrics(testLogLikelihoodGrid())
        }
        val outcome = ExperimentRunner(runs, InProcessExecutor(Device.cpu())).run(bad).single()
        outcome.status.state shouldBe CellState.FAILED
        outcome.status.error.shouldNotBeNull() shouldContain "data.csv"
    }
})

private fun <T> withClue(clue: String, block: () -> T): T = io.kotest.assertions.withClue(clue, block)
