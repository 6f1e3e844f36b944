package org.ebmworkbench.dsl.host

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldMatch
import io.kotest.matchers.types.shouldBeInstanceOf
import org.ebmworkbench.dsl.spec.ExperimentSpec
import org.ebmworkbench.dsl.spec.Fixtures
import org.ebmworkbench.dsl.spec.SpecJson
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.nio.file.Files
import java.nio.file.Path

/** Compiling a script takes seconds, so each test compiles as few scripts as it can; all share one cache. */
class ScriptHostTest : FunSpec({
    val dir = tempdir().toPath()
    val cacheDir = dir.resolve("cache")
    val host = ScriptHost(cacheDir)

    fun script(name: String, text: String): Path = dir.resolve(name).also { Files.writeString(it, text.trimIndent() + "\n") }

    val quickstart = """
        experiment("quickstart") {
            datasets(checkerboard(n = 10_000), gaussians25(n = 10_000))
            seeds(0)
            energy = mlp(128, 128, 128, activation = softplus)
            proposal = gaussian()                     // diagonal Gaussian fitted to the training data; gaussian(covariance = full)
            objective = snl(proposalSamples = 512)
            train { steps = 4_000; batch = 512; optimizer = adam(lr = 1e-3); ema = 0.999; evaluateEvery = 1_000 }
            metrics(testLogLikelihoodGrid(box = 6.0, resolution = 300), testLogLikelihoodIs(samples = 20_000))
        }
    """

    test("the quickstart script loads, a second load comes from the cache, and an edit recompiles") {
        val path = script("quickstart.ebm.kts", quickstart)
        val first = host.load(path).shouldBeInstanceOf<ScriptLoad.Loaded>()
        first.fromCache shouldBe false
        first.warnings.shouldBeEmpty()
        val expected = Fixtures.quickstart.copy(scriptPath = path.toString())
        first.experiments shouldBe listOf(expected)

        val cells = first.experiments.single().cells()
        cells shouldHaveSize 2
        val again = host.load(path).shouldBeInstanceOf<ScriptLoad.Loaded>()
        again.fromCache shouldBe true
        again.experiments shouldBe first.experiments
        again.experiments.single().cells().map { it.id } shouldBe cells.map { it.id }
        val json = SpecJson.json.encodeToString(ExperimentSpec.serializer(), first.experiments.single())
        SpecJson.json.decodeFromString(ExperimentSpec.serializer(), json).cells().map { it.id } shouldBe cells.map { it.id }

        ScriptHost(cacheDir).load(path).shouldBeInstanceOf<ScriptLoad.Loaded>().fromCache shouldBe true

        Files.writeString(path, Files.readString(path).replace("seeds(0)", "seeds(1)"))
        val edited = host.load(path).shouldBeInstanceOf<ScriptLoad.Loaded>()
        edited.fromCache shouldBe false
        edited.experiments.single().seeds shouldBe listOf(1L)
    }

    test("a typo is a compile error on its line, printed as file:line:col: message") {
        val path = script(
            "typo.ebm.kts",
            """
            experiment("typo") {
                datasets(checkerboard())
                energy = mlp(8)
                objectve = snl()
                train { steps = 10 }
            }
            """,
        )
        val failed = host.load(path).shouldBeInstanceOf<ScriptLoad.Failed>()
        val error = failed.diagnostics.first()
        error.line shouldBe 4
        error.severity shouldBe "error"
        error.message shouldContain "objectve"
        error.toString() shouldMatch Regex("^.+\\.ebm\\.kts:4:\\d+: .+")
        host.check(path).first() shouldBe error
    }

    test("grid parameters are typed: a misspelt parameter or a wrongly typed value is a compile error on its line") {
        val path = script(
            "grid-typo.ebm.kts",
            """
            experiment("grid-typo") {
                datasets(checkerboard())
                energy = mlp(8)
                train { steps = 10 }
                vary("t", 0.5, 1.0) { t -> objective = energyDiscrepancy(tt = t) }
                vary("m", 1.5, 4.0) { m -> objective = energyDiscrepancy(m = m) }
            }
            """,
        )
        val errors = host.load(path).shouldBeInstanceOf<ScriptLoad.Failed>().diagnostics.filter { it.severity == "error" }
        errors.map { it.line }.toSet() shouldBe setOf(5, 6)
        errors.first { it.line == 5 }.message shouldContain "tt"
        errors.first { it.line == 6 }.message shouldContain "Double"
    }

    test("an exception while the script runs is reported on the line of the failing call") {
        val path = script(
            "bad-steps.ebm.kts",
            """
            experiment("bad") {
                datasets(checkerboard())
                energy = mlp(8)
                objective = snl()
                train { steps = 1; epochs = 2 }
            }
            """,
        )
        val error = host.load(path).shouldBeInstanceOf<ScriptLoad.Failed>().diagnostics.single()
        error.message shouldContain "set exactly one"
        error.line shouldBe 5
        error.column.shouldBeNull()
        error.toString() shouldMatch Regex("^.*bad-steps\\.ebm\\.kts:5: .+")
    }

    test("the lines of a script's values are recorded while it runs") {
        val path = script(
            "lines.ebm.kts",
            """
            experiment("lines") {
                datasets(checkerboard(n = 7))
                energy = mlp(8)
                objective = snl()
                train {
                    steps = 3
                    batch = 9
                }
            }
            """,
        )
        val loaded = host.load(path).shouldBeInstanceOf<ScriptLoad.Loaded>()
        val cell = loaded.experiments.single().cells().single()
        loaded.origins.line(cell.dataset) shouldBe 2
        loaded.origins.line(cell.energy) shouldBe 3
        loaded.origins.line(cell.objective) shouldBe 4
        loaded.origins.line(cell.training) shouldBe 5
        loaded.origins.line(cell.training to "batch") shouldBe 7
    }

    test("experiment cannot be nested, and a script must declare an experiment") {
        val nested = script(
            "nested.ebm.kts",
            """
            experiment("outer") {
                experiment("inner") { }
            }
            """,
        )
        host.load(nested).shouldBeInstanceOf<ScriptLoad.Failed>().diagnostics.first().line shouldBe 2
        val empty = script("empty.ebm.kts", "val x = 1")
        host.load(empty).shouldBeInstanceOf<ScriptLoad.Failed>().diagnostics.single().message shouldContain "no experiment"
    }

    test("compiler warnings are reported, and kept for loads from the cache") {
        val path = script(
            "warned.ebm.kts",
            """
            @Deprecated("use a literal") fun width() = 8
            experiment("warned") {
                datasets(checkerboard())
                energy = mlp(width())
                objective = snl()
                train { steps = 10 }
            }
            """,
        )
        val first = host.load(path).shouldBeInstanceOf<ScriptLoad.Loaded>()
        val warning = first.warnings.single()
        warning.severity shouldBe "warning"
        warning.line shouldBe 4
        warning.message shouldContain "deprecated"
        val cached = host.load(path).shouldBeInstanceOf<ScriptLoad.Loaded>()
        cached.fromCache shouldBe true
        cached.warnings shouldBe first.warnings
    }

    test("QuietStderr hides output during its block only") {
        val buffer = ByteArrayOutputStream()
        val original = System.err
        System.setErr(PrintStream(buffer, true))
        try {
            QuietStderr.run { System.err.print("noise") }
            System.err.print("kept")
        } finally {
            System.setErr(original)
        }
        buffer.toString() shouldBe "kept"
    }

    test("a missing file is a diagnostic, not an exception") {
        val missing = dir.resolve("missing.ebm.kts")
        host.load(missing).shouldBeInstanceOf<ScriptLoad.Failed>().diagnostics.single().toString() shouldBe
            "$missing: no such file"
    }
})
