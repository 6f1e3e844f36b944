package org.ebmworkbench.dsl.run

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import org.ebmworkbench.dsl.spec.ExperimentBuilder
import org.ebmworkbench.dsl.spec.SpecOrigins
import org.ebmworkbench.dsl.spec.adam
import org.ebmworkbench.dsl.spec.adamW
import org.ebmworkbench.dsl.spec.buildExperiment
import org.ebmworkbench.dsl.spec.checkerboard
import org.ebmworkbench.dsl.spec.contrastiveDivergence
import org.ebmworkbench.dsl.spec.csv
import org.ebmworkbench.dsl.spec.energyDiscrepancy
import org.ebmworkbench.dsl.spec.gaussian
import org.ebmworkbench.dsl.spec.hmc
import org.ebmworkbench.dsl.spec.mlp
import org.ebmworkbench.dsl.spec.mmd
import org.ebmworkbench.dsl.spec.mseLogDensity
import org.ebmworkbench.dsl.spec.rings
import org.ebmworkbench.dsl.spec.slicedScoreMatching
import org.ebmworkbench.dsl.spec.snl
import org.ebmworkbench.dsl.spec.testLogLikelihoodGrid
import org.ebmworkbench.dsl.spec.uniformBox
import java.nio.file.Files

/** `ebm check`'s core: every engine check surfaces before training, in the DSL's names, once per distinct problem. */
class CellCheckTest : FunSpec({
    fun problems(block: ExperimentBuilder.() -> Unit): List<String> {
        val e = buildExperiment("x") {
            datasets(rings(n = 200, nTest = 50)); energy = mlp(8); objective = snl(); train { steps = 3; batch = 16 }
            block()
        }
        return CellCheck.problems(listOf(e), SpecOrigins.none, null, null).map { it.message }
    }

    test("a valid experiment has no problem") {
        problems { }.shouldBeEmpty()
    }

    test("out-of-range values name the component, the parameter, the range and the value") {
        problems { train { steps = -5 } } shouldBe listOf("train.steps must be ≥ 1, was -5")
        problems { train { batch = 0 } } shouldBe listOf("train.batch must be ≥ 1, was 0")
        problems { train { ema = 0.0 } } shouldBe listOf("train.ema must be in (0.0, 1.0), was 0.0")
        problems { train { ema = 1.0 } } shouldBe listOf("train.ema must be in (0.0, 1.0), was 1.0")
        problems { train { optimizer = adam(lr = 0.0) } } shouldBe listOf("adam.lr must be > 0 and finite, was 0.0")
        problems { train { optimizer = adamW(beta2 = 1.0) } } shouldBe listOf("adamW.beta2 must be in [0.0, 1.0), was 1.0")
        problems { objective = snl(proposalSamples = 0) } shouldBe listOf("snl.proposalSamples must be ≥ 1, was 0")
        problems { objective = energyDiscrepancy(t = -1.0) } shouldBe listOf("energyDiscrepancy.t must be > 0 and finite, was -1.0")
        problems { objective = slicedScoreMatching(projections = 0) } shouldBe listOf("slicedScoreMatching.projections must be ≥ 1, was 0")
        problems { objective = contrastiveDivergence(hmc(stepSize = -1.0)) } shouldBe listOf("hmc.stepSize must be > 0 and finite, was -1.0")
        problems { energy = mlp(64, 0) } shouldBe listOf("mlp.hidden[1] must be ≥ 1, was 0")
        problems { proposal = uniformBox(listOf(1.0, 0.0), listOf(1.0, 1.0)) } shouldBe
            listOf("uniformBox.high[0] must be finite and > low[0] = 1.0, was 1.0")
        problems { proposal = gaussian(listOf(0.0, 0.0), listOf(-1.0, 1.0)) } shouldBe listOf("gaussian.std[0] must be > 0 and finite, was -1.0")
        problems { proposal = gaussian(listOf(0.0), listOf(1.0)) } shouldBe listOf("gaussian.mean must have one entry per data dimension (2), was 1 entries")
        problems { metrics(testLogLikelihoodGrid(resolution = 1)) } shouldBe listOf("testLogLikelihoodGrid.resolution must be ≥ 2, was 1")
        problems { metrics(mmd(samples = 1)) } shouldBe listOf("mmd.samples must be ≥ 2, was 1")
        problems { datasets(checkerboard(n = 0)) } shouldBe listOf("checkerboard.n must be ≥ 1, was 0")
        problems { datasets(checkerboard(nTest = 0)) } shouldBe listOf("checkerboard.nTest must be ≥ 1, was 0")
    }

    test("every problem of a cell is reported, not only the first") {
        problems {
            objective = energyDiscrepancy(t = -1.0)
            train { steps = 3; batch = 16; optimizer = adam(lr = -1.0) }
            metrics(testLogLikelihoodGrid(resolution = 1))
        } shouldBe listOf(
            "energyDiscrepancy.t must be > 0 and finite, was -1.0",
            "adam.lr must be > 0 and finite, was -1.0",
            "testLogLikelihoodGrid.resolution must be ≥ 2, was 1",
        )
    }

    test("a batch larger than the training set names the parameter and both sizes") {
        problems { train { steps = 3; batch = 500 } } shouldBe listOf("train.batch must be ≤ the 200 rows of the training set, was 500")
    }

    test("a metric that does not fit the data, and a ragged CSV, are problems before training") {
        val dir = Files.createTempDirectory("check")
        Files.writeString(dir.resolve("ragged.csv"), "x,y,z\n1,2,3\n4,5\n")
        val e = buildExperiment("csv") {
            datasets(csv("ragged.csv")); energy = mlp(4); objective = snl(); train { steps = 1 }
        }
        val csvProblem = CellCheck.problems(listOf(e), SpecOrigins.none, null, dir).single().message
        (csvProblem.contains("ragged.csv:3")) shouldBe true
        problems { datasets(rings(n = 100)); metrics(mseLogDensity()) }.single().let { (it.contains("mseLogDensity needs")) shouldBe true }
    }

    test("cells that differ only in their seed, and a dataset shared by settings, are checked once") {
        val e = buildExperiment("many") {
            datasets(checkerboard(n = 0)); seeds(0 until 5); energy = mlp(8); objective = snl(); train { steps = 1 }
            method("a") { }
            method("b") { train { batch = 0 } }
        }
        CellCheck.problems(listOf(e), SpecOrigins.none, null, null).map { it.message } shouldBe
            listOf("checkerboard.n must be ≥ 1, was 0")
    }
})
