package org.ebmworkbench.dsl.cli

import com.github.ajalt.clikt.core.CliktCommand
import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.core.ProgramResult
import com.github.ajalt.clikt.parameters.arguments.argument
import com.github.ajalt.clikt.parameters.groups.provideDelegate
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
import org.ebmworkbench.dsl.run.slurm.SlurmExecutor
import org.ebmworkbench.dsl.spec.SpecException
import org.ebmworkbench.dsl.spec.ExperimentSpec
import org.ebmworkbench.dsl.spec.smoke
import org.ebmworkbench.engine.Devices
import org.ebmworkbench.reports.html.HtmlReport
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.EXPERIMENT_FILE
import org.ebmworkbench.reports.records.RunRecords
import java.nio.file.Files
import java.io.IOException
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
    private val executorOptions by ExecutorOptions()
    private val watch by option("--watch", help = "keep running: each time SCRIPT is saved, re-evaluate it and run the " +
        "cells whose spec changed, rewriting the report (which reloads itself in a browser while cells run); Ctrl-C stops")
        .flag()

    override fun run() {
        val dev = selectDevice(device)
        OutputFolder.problem(out)?.let { fail("--out $it") }
        if (watch && (executorOptions.slurm || executorOptions.detach)) {
            fail("--watch runs the cells on this machine and waits for them; it cannot be combined with " +
                "--executor slurm or --detach")
        }
        val stopping = Thread {
            val stopped = current?.stop() ?: 0
            if (executorOptions.slurm) {
                System.err.println("\nstopped watching: the Slurm tasks go on; `ebm status DIR` shows them, the same " +
                    "command picks them up")
            } else if (stopped > 0) {
                System.err.println("\nstopped: $stopped running cell(s) recorded as interrupted; run the same command " +
                    "again to resume")
            }
        }
        Runtime.getRuntime().addShutdownHook(stopping)
        try {
            if (watch) {
                val waiting = { echo("watching $script: save it to run what changed (Ctrl-C stops)") }
                // A round that fails has printed why (file:line:col for a compile error); the next save retries.
                ScriptWatch(script, waiting = waiting) {
                    try {
                        runScript(dev)
                    } catch (e: ProgramResult) {
                        // printed already
                    }
                }.watch { false }
            } else {
                val failed = runScript(dev)
                if (failed > 0) {
                    echo("$failed cell(s) failed; see their status.json and cell.log", err = true)
                    throw ProgramResult(1)
                }
            }
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopping)
        }
    }

    @Volatile
    private var current: ExecutorSetup? = null

    /** Loads and checks the script, runs each of its experiments; returns how many cells failed. */
    private fun runScript(dev: Device): Int {
        val scriptDir = script.toAbsolutePath().parent
        val experiments = loadScript(script) { (if (smoke) it.smoke() else it).withAbsoluteDataPaths(scriptDir) }
        return try {
            experiments.sumOf { spec ->
                val setup = try {
                    executorFor(spec, executorOptions, workers, device)
                } catch (e: SpecException) {
                    fail("${e.message}")
                }
                current = setup
                runExperiment(ExperimentRunner(out, setup.executor, setup.scheduler), setup, spec, dev.toString())
            }
        } catch (e: IOException) {
            fail("writing the run records: ${OutputFolder.describe(e)}")
        }
    }

    /** Runs one experiment and writes its report; returns how many of its cells failed. */
    private fun runExperiment(runner: ExperimentRunner, setup: ExecutorSetup, spec: ExperimentSpec, dev: String): Int {
        val cells = spec.cells()
        val dir = runner.experimentDir(spec)
        cells.forEach { setup.scheduler.settle(dir.resolve(it.id)) } // ended Slurm tasks
        val plan = runner.plan(spec)
        val where = if (executorOptions.slurm) "through Slurm" else "on $dev with $workers worker(s)"
        echo("experiment ${spec.name}: ${cells.size} cell(s), ${plan.finished.size} already finished, $where" +
            (if (smoke) " (smoke)" else ""))
        plan.damaged.forEach { (id, reason) -> echo("  cell $id: $reason: rerunning", err = true) }
        val outcomes = GridProgress(cells.size, plan.finished.size).use { progress ->
            runner.run(spec, if (watch) LiveReport(progress, dir) else progress, plan)
        }
        var failed = 0
        for (o in outcomes.filter { !it.reused }) {
            o.status.warnings.forEach { echo("  ${o.cellId} warning: $it") }
            if (o.status.state == CellState.FAILED) failed++
        }
        echo("experiment ${spec.name}: ${outcomes.count { !it.reused }} cell(s) ran here, ${outcomes.count { it.reused }} reused")
        (setup.executor as? SlurmExecutor)?.lastJobId?.takeIf { executorOptions.detach }?.let {
            echo("submitted Slurm job array $it; follow it with `ebm status $dir`")
        }
        echo("report: ${HtmlReport.write(dir)}")
        return failed
    }

    private fun fail(message: String): Nothing {
        echo("error: $message", err = true)
        throw ProgramResult(2)
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
        "Write DIR/report.html from the run records in DIR (runs/<experiment>); works on partial runs too. Each " +
            "damaged cell (finished by its status, but with a missing or broken record) is printed, and the exit " +
            "code is then 1."

    private val dir by argument(help = "an experiment directory, e.g. runs/quickstart").path(mustExist = true, canBeFile = false)

    override fun run() {
        if (!Files.isRegularFile(dir.resolve(EXPERIMENT_FILE))) {
            echo("error: $dir holds no experiment record ($EXPERIMENT_FILE); give the folder of one experiment, " +
                "e.g. runs/quickstart", err = true)
            throw ProgramResult(1)
        }
        echo("report: ${HtmlReport.write(dir)}")
        val damaged = RunRecords.damagedCells(dir)
        damaged.forEach { (id, reason) -> echo("damaged cell $id: $reason (a rerun of the script recomputes it)", err = true) }
        if (damaged.isNotEmpty()) throw ProgramResult(1)
    }
}
