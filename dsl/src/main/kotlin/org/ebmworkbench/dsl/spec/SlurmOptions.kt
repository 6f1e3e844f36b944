package org.ebmworkbench.dsl.spec

import kotlinx.serialization.Serializable

private val TIME = Regex("""(\d+-)?\d+(:\d{1,2}){0,2}|\d+-\d+""")
private val MEMORY = Regex("""\d+[KMGT]?""")

/**
 * How the cells of an experiment are requested from Slurm (`ebm run --executor slurm`); each value becomes an
 * `#SBATCH` line of every array task, and a null one is left to the cluster's default. Set in a script with
 * `slurm { partition = "gpu"; time = "02:00:00"; … }`; the same options of `ebm run` override it.
 *
 * @property time the wall-time limit per cell, in Slurm's syntax (`30`, `01:30:00`, `1-12:00:00`)
 * @property memory memory per cell, in Slurm's syntax (`4G`, `8000M`)
 * @property extra further `#SBATCH` lines, verbatim after `#SBATCH ` (e.g. `--qos=long`, `--constraint=a100`)
 */
@Serializable
data class SlurmOptions(
    val partition: String? = null,
    val time: String? = null,
    val memory: String? = null,
    val cpusPerTask: Int? = null,
    val gpusPerTask: Int? = null,
    val account: String? = null,
    val extra: List<String> = emptyList(),
) {
    init {
        partition?.let { Check.that(it.isNotBlank() && it.none(Char::isWhitespace)) { "slurm.partition must be one word, was '$it'" } }
        account?.let { Check.that(it.isNotBlank() && it.none(Char::isWhitespace)) { "slurm.account must be one word, was '$it'" } }
        time?.let { Check.that(TIME.matches(it)) { "slurm.time must be minutes, [D-]HH:MM[:SS] or D-HH, was '$it'" } }
        memory?.let { Check.that(MEMORY.matches(it)) { "slurm.memory must be a number with an optional K/M/G/T suffix, was '$it'" } }
        cpusPerTask?.let { Check.atLeast("slurm.cpusPerTask", it, 1) }
        gpusPerTask?.let { Check.atLeast("slurm.gpusPerTask", it, 0) }
        extra.forEach { line ->
            Check.that(line.startsWith("-") && '\n' !in line) { "slurm.extra lines are sbatch options such as '--qos=long', was '$line'" }
        }
    }

    /** These options with every value set in [overrides] replacing this one's (extra lines are appended). */
    fun overriddenBy(overrides: SlurmOptions): SlurmOptions = SlurmOptions(
        partition = overrides.partition ?: partition, time = overrides.time ?: time,
        memory = overrides.memory ?: memory, cpusPerTask = overrides.cpusPerTask ?: cpusPerTask,
        gpusPerTask = overrides.gpusPerTask ?: gpusPerTask, account = overrides.account ?: account,
        extra = extra + overrides.extra,
    )
}

/** The receiver of `slurm { … }` in an experiment: see [SlurmOptions] for what each value means. */
@EbmDsl
class SlurmBuilder internal constructor(base: SlurmOptions?) {
    private val start = base ?: SlurmOptions()

    /** The partition (queue) to submit to. */
    var partition: String? = start.partition

    /** Wall-time limit per cell, e.g. `"01:30:00"`. */
    var time: String? = start.time

    /** Memory per cell, e.g. `"8G"`. */
    var memory: String? = start.memory

    /** CPU cores per cell; also the cell's PyTorch threads. */
    var cpusPerTask: Int? = start.cpusPerTask

    /** GPUs per cell (`--gpus-per-task`); with one, cells run on the GPU. */
    var gpusPerTask: Int? = start.gpusPerTask

    /** The account to charge. */
    var account: String? = start.account

    private val extra = start.extra.toMutableList()

    /** Adds verbatim `#SBATCH` options, e.g. `sbatch("--qos=long")`. */
    fun sbatch(vararg options: String) {
        extra += options
    }

    fun build(): SlurmOptions = SlurmOptions(partition, time, memory, cpusPerTask, gpusPerTask, account, extra.toList())
}
