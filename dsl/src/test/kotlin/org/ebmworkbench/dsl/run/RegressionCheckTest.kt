package org.ebmworkbench.dsl.run

import ai.djl.ndarray.NDManager
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.dsl.spec.BuildContext
import org.ebmworkbench.dsl.spec.ExperimentBuilder
import org.ebmworkbench.dsl.spec.MetricContext
import org.ebmworkbench.dsl.spec.SpecException
import org.ebmworkbench.dsl.spec.SpecOrigins
import org.ebmworkbench.dsl.spec.buildExperiment
import org.ebmworkbench.dsl.spec.conditionalMlp
import org.ebmworkbench.dsl.spec.csv
import org.ebmworkbench.dsl.spec.gaussian
import org.ebmworkbench.dsl.spec.logIsRegression
import org.ebmworkbench.dsl.spec.mlp
import org.ebmworkbench.dsl.spec.nceRegression
import org.ebmworkbench.dsl.spec.regressionToy1
import org.ebmworkbench.dsl.spec.rings
import org.ebmworkbench.dsl.spec.snl
import org.ebmworkbench.dsl.spec.snlRegression
import org.ebmworkbench.dsl.spec.targetGaussian
import org.ebmworkbench.dsl.spec.targetUniform
import org.ebmworkbench.dsl.spec.testLogLikelihoodQuad
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.engine.energy.ConditionalMlpEnergy
import org.ebmworkbench.engine.proposal.DiagonalGaussianProposal
import java.nio.file.Files

/** Regression cells at `ebm check`: a valid one builds, and each misuse the issue names is a clear problem. */
class RegressionCheckTest : FunSpec({
    fun problems(dir: java.nio.file.Path? = null, block: ExperimentBuilder.() -> Unit): List<String> {
        val e = buildExperiment("r") {
            datasets(regressionToy1(n = 200, nTest = 50)); energy = conditionalMlp(8); proposal = targetGaussian()
            objective = snlRegression(); metrics(testLogLikelihoodQuad(points = 64)); train { steps = 2; batch = 16 }
            block()
        }
        return CellCheck.problems(listOf(e), SpecOrigins.none, null, dir).map { it.message }
    }

    test("regression SNL, NCE and log-IS with either target proposal and test_ll_quad build without a problem") {
        for (o in listOf(snlRegression(), nceRegression(), logIsRegression())) {
            problems { objective = o }.shouldBeEmpty()
            problems { objective = o; proposal = targetUniform() }.shouldBeEmpty()
        }
    }

    test("a conditional objective on a dataset without a target") {
        problems { datasets(rings(n = 100, nTest = 20)); energy = mlp(4); proposal = gaussian(); metrics() } shouldBe listOf(
            "snlRegression fits p(y | x) and needs a dataset with a target (regressionToy1(), regressionToy2() or " +
                "csv(path, inputs = …, target = …)); this cell's dataset has none")
        problems { datasets(rings(n = 100, nTest = 20)); energy = conditionalMlp(); proposal = gaussian(); objective = snl(); metrics() }
            .single() shouldContain "conditionalMlp fits p(y | x) and needs a dataset with a target"
    }

    test("a regression metric on data without a target, or with a 2-D target") {
        problems { datasets(rings(n = 100, nTest = 20)); energy = mlp(4); proposal = gaussian(); objective = snl() } shouldBe
            listOf("testLogLikelihoodQuad needs regression data with a 1-D target; this cell's dataset has no target")
        NDManager.newBaseManager().use { m ->
            // Rows [x, y₁, y₂]: no script reaches a 2-D target yet, the metric refuses it all the same.
            val rows = Dataset.of(FloatArray(30) { it.toFloat() }, 10, 3)
            val build = BuildContext(rows, m, 1L, targetDim = 2)
            val energy = ConditionalMlpEnergy.builder().setFeatureDim(1).optTargetDim(2).build()
            val context = MetricContext(energy, DiagonalGaussianProposal(m, doubleArrayOf(0.0, 0.0), doubleArrayOf(1.0, 1.0)),
                m.create(rows.toArray(), ai.djl.ndarray.types.Shape(10, 3)), null, build)
            shouldThrow<SpecException> { testLogLikelihoodQuad().bind(context) }.message shouldBe
                "testLogLikelihoodQuad integrates over a 1-D target, but this cell's dataset has a 2-D target"
        }
    }

    test("csv regression data: a target that is also an input, an unknown column, a non-number") {
        val dir = Files.createTempDirectory("regcsv")
        Files.writeString(dir.resolve("cells.csv"), "x1,x2,y\n1,2,3\n4,5,6\n7,8,9\n1,1,1\n2,2,2\n")
        Files.writeString(dir.resolve("bad.csv"), "x1,x2,y\n1,2,3\n4,oops,6\n")
        fun csvProblems(spec: org.ebmworkbench.dsl.spec.DatasetSpec) = problems(dir) { datasets(spec); metrics(); train { steps = 1; batch = 2 } }
        csvProblems(csv("cells.csv", inputs = listOf("x1", "x2"), target = "y")).shouldBeEmpty()
        csvProblems(csv("cells.csv", inputs = listOf("x1", "y"), target = "y")) shouldBe
            listOf("csv.target must not be one of the inputs x1, y, was 'y'")
        csvProblems(csv("cells.csv", inputs = listOf("x1", "x3"), target = "y")).single() shouldBe
            "${dir.resolve("cells.csv")}:1: no column named 'x3'; the header has x1, x2, y"
        csvProblems(csv("bad.csv", inputs = listOf("x1", "x2"), target = "y")).single() shouldBe
            "${dir.resolve("bad.csv")}:3:2: 'oops' is not a number"
        val noHeader = dir.resolve("plain.csv").also { Files.writeString(it, "1,2\n3,4\n") }
        csvProblems(csv("plain.csv", inputs = listOf("a"), target = "b")).single() shouldBe
            "$noHeader:1: columns are named by a header row, but line 1 holds numbers"
    }

    test("the regression toy's rows are [x, y] with the target last, and its cells carry the target width") {
        val data = regressionToy1(n = 50, nTest = 10).load(3L, null)
        data.targetDim shouldBe 1
        data.train.dim() shouldBe 2
        data.regression!!.name() shouldBe "regression_toy1"
    }
})
