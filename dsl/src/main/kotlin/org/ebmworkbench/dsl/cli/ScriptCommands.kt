package org.ebmworkbench.dsl.cli

import com.github.ajalt.clikt.core.CliktCommand
import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.core.ProgramResult
import com.github.ajalt.clikt.parameters.arguments.argument
import com.github.ajalt.clikt.parameters.options.default
import com.github.ajalt.clikt.parameters.options.flag
import com.github.ajalt.clikt.parameters.options.option
import com.github.ajalt.clikt.parameters.options.check
import com.github.ajalt.clikt.parameters.types.choice
import com.github.ajalt.clikt.parameters.types.int
import com.github.ajalt.clikt.parameters.types.path
import org.ebmworkbench.dsl.host.ScriptHost
import org.ebmworkbench.dsl.host.ScriptLoad
import ai.djl.Device
import org.ebmworkbench.dsl.run.CellCheck
import org.ebmworkbench.dsl.run.ExperimentRunner
import org.ebmworkbench.dsl.run.LocalExecutor
import org.ebmworkbench.dsl.spec.ExperimentSpec
import org.ebmworkbench.dsl.spec.smoke
import org.ebmworkbench.engine.Devices
import org.ebmworkbench.reports.html.HtmlReport
import org.ebmworkbench.reports.records.CellState
import java.nio.file.Path

/** Where compiled scripts are cached: `$EBM_CACHE_DIR`, else `~/.cache/ebm-workbench/scripts`. */
internal fun scriptCacheDir(): Path =
    System.getenv("EBM_CACHE_DIR")?.let { Path.of(it) }
        ?: Path.of(System.getProperty("user.home"), ".cache", "ebm-workbench", "scripts")

/**
 * Loads a script and checks every cell it declares ([CellCheck]: each dataset loaded once, every cell's engine
 * objects built, nothing trained), or prints the diagnostics as `file:line[:col]: message` and exits 1. With
 * [shrink] the cells checked are also the ones that will run (e.g. the smoke copies).
 */
internal fun CliktCommand.loadScript(
    script: Path,
    shrink: (ExperimentSpec) -> ExperimentSpec = { it },
): List<ExperimentSpec> {
    val loaded = when (val result = ScriptHost(scriptCacheDir()).load(script)) {
        is ScriptLoad.Loaded -> result.also { it.warnings.forEach { w -> echo(w.toString(), err = true) } }
        is ScriptLoad.Failed -> {
            result.diagnostics.forEach { echo(it.toString(), err = true) }
            throw ProgramResult(1)
        }
    }
    val dir = script.toAbsolutePath().parent
    val experiments = loaded.experiments.map(shrink)
    val problems = CellCheck.problems(loaded.experiments, loaded.origins, script, dir)
        .ifEmpty { if (experiments == loaded.experiments) emptyList() else CellCheck.problems(experiments, loaded.origins, script, dir) }
    if (problems.isNotEmpty()) {
        problems.forEach { echo(it.toString(), err = true) }
        throw ProgramResult(1)
    }
    return experiments
}

/** The compute device named by a `--device` option, or an error message and exit code 2. */
internal fun CliktCommand.selectDevice(choice: String): Device = try {
    Devices.select(choice)
} catch (e: IllegalStateException) {
    echo("error: ${e.message}", err = true)
    throw ProgramResult(2)
}

class RunCommand : CliktCommand(name = "run") {
    override fun help(context: Context) =
        "Run the experiment(s) of SCRIPT, each cell in its own JVM, and write run records under --out and a " +
            "report.html per experiment. Finished cells with an unchanged spec are reused; Ctrl-C stops cleanly and " +
            "a rerun picks up where it stopped."

    private val script by argument(help = "an *.ebm.kts experiment script").path(mustExist = true, canBeDir = false)
    private val out by option("--out", help = "directory for run records (default: runs)").path().default(Path.of("runs"))
    private val smoke by option("--smoke", help = "shrink every cell to seconds (few steps, small data), for tests").flag()
    private val device by option("--device", help = "compute device: cpu, gpu (fails without one) or auto (GPU if present)")
        .choice("cpu", "gpu", "auto").default("auto")
    private val workers by option("--workers", help = "cells run at once, each in its own JVM (default: the number of cores)")
        .int().default(Runtime.getRuntime().availableProcessors()).check("must be at least 1") { it >= 1 }

    override fun run() {
        val dev = selectDevice(device)
        val experiments = loadScript(script) { if (smoke) it.smoke() else it }
        val executor = LocalExecutor(workers, device)
        val stopping = Thread {
            executor.stop()
            System.err.println("\nstopped: the running cells are recorded as interrupted; run the same command again to resume")
        }
        Runtime.getRuntime().addShutdownHook(stopping)
        val runner = ExperimentRunner(out, executor)
        var failed = 0
        for (spec in experiments) {
            val cells = spec.cells()
            val reused = cells.count { runner.finishedStatus(runner.experimentDir(spec).resolve(it.id)) != null }
            echo("experiment ${spec.name}: ${cells.size} cell(s), $reused already finished, on $dev with $workers " +
                "worker(s)${if (smoke) " (smoke)" else ""}")
            val outcomes = GridProgress(cells.size, reused).use { progress -> runner.run(spec, progress) }
            for (o in outcomes.filter { !it.reused }) {
                o.status.warnings.forEach { echo("  ${o.cellId} warning: $it") }
                if (o.status.state == CellState.FAILED) failed++
            }
            echo("report: ${HtmlReport.write(runner.experimentDir(spec))}")
        }
        Runtime.getRuntime().removeShutdownHook(stopping)
        if (failed > 0) {
            echo("$failed cell(s) failed; see their status.json and cell.log", err = true)
            throw ProgramResult(1)
        }
    }
}

class CheckCommand : CliktCommand(name = "check") {
    override fun help(context: Context) =
        "Compile and evaluate SCRIPT, load each dataset once and build every cell's engine objects without training; " +
            "print every problem as file:line: message and exit 1 if there is one."

    private val script by argument(help = "an *.ebm.kts experiment script").path(mustExist = true, canBeDir = false)

    override fun run() {
        val experiments = loadScript(script)
        echo("$script: ok (${experiments.sumOf { it.cells().size }} cell(s))")
    }
}

class ReportCommand : CliktCommand(name = "report") {
    override fun help(context: Context) =
        "Write DIR/report.html from the run records in DIR (runs/<experiment>); works on partial runs too."

    private val dir by argument(help = "an experiment directory, e.g. runs/quickstart").path(mustExist = true, canBeFile = false)

    override fun run() {
        echo("report: ${HtmlReport.write(dir)}")
    }
}
