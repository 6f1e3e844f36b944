package org.ebmworkbench.dsl.cli

import com.github.ajalt.clikt.parameters.groups.OptionGroup
import com.github.ajalt.clikt.parameters.options.check
import com.github.ajalt.clikt.parameters.options.default
import com.github.ajalt.clikt.parameters.options.flag
import com.github.ajalt.clikt.parameters.options.multiple
import com.github.ajalt.clikt.parameters.options.option
import com.github.ajalt.clikt.parameters.types.choice
import com.github.ajalt.clikt.parameters.types.double
import com.github.ajalt.clikt.parameters.types.int
import org.ebmworkbench.dsl.run.ClaimingScheduler
import org.ebmworkbench.dsl.run.Executor
import org.ebmworkbench.dsl.run.LocalExecutor
import org.ebmworkbench.dsl.run.slurm.SlurmCli
import org.ebmworkbench.dsl.run.slurm.SlurmExecutor
import org.ebmworkbench.dsl.run.slurm.slurmAwareClaims
import org.ebmworkbench.dsl.spec.CsvDatasetSpec
import org.ebmworkbench.dsl.spec.ExperimentSpec
import org.ebmworkbench.dsl.spec.SlurmOptions
import org.ebmworkbench.dsl.spec.SpecException
import java.nio.file.Path

/**
 * `ebm run`'s choice of executor and the Slurm options (`--partition`, `--time`, …), which override the script's
 * `slurm { }` block value by value.
 */
class ExecutorOptions : OptionGroup("Executor") {
    val executor by option("--executor", help = "where cells run: local (JVMs on this machine) or slurm (a job array)")
        .choice("local", "slurm").default("local")
    val detach by option("--detach",
        help = "slurm: submit the array and exit; `ebm status DIR` or the same `ebm run` picks the state up later").flag()
    private val partition by option("--partition", help = "slurm: partition to submit to")
    private val time by option("--time", help = "slurm: wall-time limit per cell, e.g. 01:30:00")
    private val memory by option("--mem", help = "slurm: memory per cell, e.g. 8G")
    private val cpus by option("--cpus-per-task", help = "slurm: cores per cell (also its PyTorch threads)").int()
    private val gpus by option("--gpus-per-task", help = "slurm: GPUs per cell").int()
    private val account by option("--account", help = "slurm: account to charge")
    private val extra by option("--sbatch", help = "slurm: an extra #SBATCH option, e.g. --sbatch=--qos=long (repeatable)")
        .multiple()
    val pollSeconds by option("--poll", help = "slurm: seconds between squeue polls (default 1)").double().default(1.0)
        .check("must be positive") { it > 0 }

    /** The command-line Slurm options; throws [SpecException] for a malformed value. */
    fun slurmOverrides(): SlurmOptions = SlurmOptions(partition, time, memory, cpus, gpus, account, extra)

    val slurm: Boolean get() = executor == "slurm"
}

/** A runner's executor and its claim scheduler, built for one experiment's options. */
class ExecutorSetup(val executor: Executor, val scheduler: ClaimingScheduler) {
    /** Stops waiting and running; how many running cells were stopped. */
    fun stop(): Int {
        scheduler.stop()
        return executor.stop()
    }
}

/** The executor chosen by [options] for [spec], and the scheduler that claims its cells. */
internal fun executorFor(spec: ExperimentSpec, options: ExecutorOptions, workers: Int, device: String): ExecutorSetup {
    val cli = SlurmCli()
    val claims = slurmAwareClaims(cli)
    val scheduler = ClaimingScheduler(claims, waitForOthers = !(options.slurm && options.detach),
        notice = { System.err.println(it) })
    if (!options.slurm) return ExecutorSetup(LocalExecutor(workers, device), scheduler)
    val slurm = (spec.slurm ?: SlurmOptions()).overriddenBy(options.slurmOverrides())
    return ExecutorSetup(SlurmExecutor(slurm, device, claims, cli, detach = options.detach,
        pollMillis = (options.pollSeconds * 1000).toLong()), scheduler)
}

/**
 * [this] with every relative CSV path made absolute against [scriptDir], so that a cell's `spec.json` names its
 * data wherever it runs (a Slurm node has no notion of the script's folder). Applied to every run, whatever the
 * executor, so that a cell has one id however it is run.
 */
internal fun ExperimentSpec.withAbsoluteDataPaths(scriptDir: Path): ExperimentSpec = copy(datasets = datasets.map { d ->
    if (d is CsvDatasetSpec && !Path.of(d.path).isAbsolute) d.copy(path = scriptDir.resolve(d.path).normalize().toString())
    else d
})
