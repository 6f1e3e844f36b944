package org.ebmworkbench.dsl.cli

import com.github.ajalt.clikt.core.ProgramResult
import com.github.ajalt.clikt.core.parse
import com.github.ajalt.clikt.core.subcommands
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldMatch
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.nio.file.Files

/** The CLI's observable contract: diagnostics as file:line:col, non-zero exits, and a listing of the catalogue. */
class CliTest : FunSpec({
    fun ebm() = Ebm().subcommands(RunCommand(), ReportCommand(), CheckCommand(), ListCommand())

    fun capture(block: () -> Unit): Pair<String, String> {
        val out = ByteArrayOutputStream()
        val err = ByteArrayOutputStream()
        val (o, e) = System.out to System.err
        System.setOut(PrintStream(out, true))
        System.setErr(PrintStream(err, true))
        try {
            block()
        } finally {
            System.setOut(o)
            System.setErr(e)
        }
        return out.toString() to err.toString()
    }

    test("check prints a compile error as file:line:col: message and exits 1") {
        val script = Files.createTempFile("broken", ".ebm.kts")
        Files.writeString(script, "experiment(\"broken\") {\n    datasets(checkerboard())\n    energy = mlp(8)\n    objectve = snl()\n}\n")
        val (_, err) = capture {
            shouldThrow<ProgramResult> { ebm().parse(listOf("check", script.toString())) }.statusCode shouldBe 1
        }
        err.lines().first { it.isNotBlank() } shouldMatch Regex(".*broken.*\\.ebm\\.kts:4:5: .*objectve.*")
    }

    test("check evaluates the script and builds every cell: each bad value on its line, in the DSL's names, exit 1") {
        fun check(name: String, body: String): String {
            val script = Files.createTempDirectory("check").resolve("$name.ebm.kts")
            Files.writeString(script, body)
            val (_, err) = capture {
                shouldThrow<ProgramResult> { ebm().parse(listOf("check", script.toString())) }.statusCode shouldBe 1
            }
            return err.lines().single { it.isNotBlank() }.removePrefix("$script")
        }
        fun experiment(dataset: String = "checkerboard(n = 1000)", train: String = "train { steps = 10 }", extra: String = "") =
            "experiment(\"bad\") {\n    datasets($dataset)\n    energy = mlp(8)\n    objective = snl()\n    $train\n$extra}\n"
        check("steps", experiment(train = "train { steps = -5 }")) shouldBe ":5: train.steps must be ≥ 1, was -5"
        check("n", experiment(dataset = "gaussians25(n = 0)")) shouldBe ":2: gaussians25.n must be ≥ 1, was 0"
        check("boom", experiment(extra = "    error(\"boom\")\n")) shouldBe ":6: java.lang.IllegalStateException: boom"
        check("ema", experiment(train = "train {\n        steps = 10\n        ema = 0.0\n    }")) shouldBe
            ":7: train.ema must be in (0.0, 1.0), was 0.0"
        check("batch", experiment(dataset = "checkerboard(n = 100)", train = "train { steps = 10; batch = 512 }")) shouldBe
            ":5: train.batch must be ≤ the 100 rows of the training set, was 512"
        val fine = Files.createTempDirectory("check").resolve("fine.ebm.kts")
        Files.writeString(fine, experiment())
        val (out, _) = capture { ebm().parse(listOf("check", fine.toString())) }
        out shouldContain "ok (1 cell(s))"
    }

    test("run with --device gpu on a machine without a GPU stops with a clear message and exit 2") {
        val script = Files.createTempFile("fine", ".ebm.kts")
        Files.writeString(script, "experiment(\"fine\") { datasets(checkerboard()); energy = mlp(8); objective = snl(); train { steps = 1 }; metrics(testLogLikelihoodGrid()) }\n")
        if (ai.djl.engine.Engine.getInstance().gpuCount == 0) {
            val (_, err) = capture {
                shouldThrow<ProgramResult> { ebm().parse(listOf("run", script.toString(), "--device", "gpu")) }.statusCode shouldBe 2
            }
            err shouldContain "no CUDA GPU"
        }
    }

    test("list names every category with one line per entry") {
        val (out, _) = capture { ebm().parse(listOf("list")) }
        for (category in listOf("dataset:", "energy:", "proposal:", "objective:", "sampler:", "metric:", "train:", "optimizer:", "grid:")) {
            out shouldContain category
        }
        out shouldContain "gibbs("
        out shouldContain "checkerboard("
        out shouldContain "snl("
    }

    fun fineScript(): java.nio.file.Path = Files.createTempFile("fine", ".ebm.kts").also {
        Files.writeString(it, "experiment(\"fine\") { datasets(normal1d(n = 200, nTest = 100)); energy = mlp(8); " +
            "objective = energyDiscrepancy(); train { steps = 20; batch = 32 }; " +
            "metrics(testLogLikelihoodGrid(resolution = 20)); method(\"a\") { }; method(\"b\") { train { steps = 30 } } }\n")
    }

    test("run with --out on a file, or on a folder that cannot be made, prints one line naming it and exits 2") {
        val file = Files.createTempFile("not-a-folder", ".txt")
        for ((out, cause) in listOf(file.toString() to "is a file", "/proc/ebm-no-such-folder/runs" to "/proc/ebm-no-such-folder: cannot be created")) {
            val (_, err) = capture {
                shouldThrow<ProgramResult> {
                    ebm().parse(listOf("run", fineScript().toString(), "--out", out, "--device", "cpu"))
                }.statusCode shouldBe 2
            }
            val lines = err.lines().filter { it.isNotBlank() }
            lines.size shouldBe 1
            lines.single() shouldContain "error: --out"
            lines.single() shouldContain cause
        }
    }

    test("an I/O failure is described in one line with its path and cause (a full disk)") {
        val e = java.nio.file.FileSystemException("/data/runs/x/status.json", null, "No space left on device")
        OutputFolder.describe(e) shouldBe "/data/runs/x/status.json: No space left on device"
    }

    test("report on a folder without an experiment record says so and exits 1") {
        val empty = Files.createTempDirectory("no-experiment")
        val (_, err) = capture {
            shouldThrow<ProgramResult> { ebm().parse(listOf("report", empty.toString())) }.statusCode shouldBe 1
        }
        err shouldContain "holds no experiment record"
        Files.exists(empty.resolve("report.html")) shouldBe false
    }

    test("a damaged finished cell is reported by `ebm report` (exit 1) and rerun by `ebm run`, which says why") {
        val script = fineScript()
        val runs = Files.createTempDirectory("damage")
        val args = listOf("run", script.toString(), "--out", runs.toString(), "--device", "cpu", "--workers", "2")
        capture { ebm().parse(args) }
        val exp = runs.resolve("fine")
        val cells = Files.list(exp).use { s -> s.filter { Files.isDirectory(it) }.toList() }.sortedBy { it.fileName }
        cells.size shouldBe 2
        val summary = cells[0].resolve("summary.json")
        Files.writeString(summary, Files.readString(summary).take(20)) // truncated
        Files.delete(cells[1].resolve("metrics.csv"))

        val (_, reportErr) = capture {
            shouldThrow<ProgramResult> { ebm().parse(listOf("report", exp.toString())) }.statusCode shouldBe 1
        }
        reportErr shouldContain "damaged cell ${cells[0].fileName}: summary.json unreadable"
        reportErr shouldContain "damaged cell ${cells[1].fileName}: metrics.csv missing"

        val (out, err) = capture { ebm().parse(args) }
        err shouldContain "cell ${cells[0].fileName}: summary.json unreadable"
        err shouldContain "cell ${cells[1].fileName}: metrics.csv missing: rerunning"
        out shouldContain "0 already finished"
        capture { ebm().parse(listOf("report", exp.toString())) } // exits 0: nothing damaged any more
        val (again, _) = capture { ebm().parse(args) }
        again shouldContain "2 already finished"
    }
})
