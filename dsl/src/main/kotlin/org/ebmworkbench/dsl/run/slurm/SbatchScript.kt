package org.ebmworkbench.dsl.run.slurm

import org.ebmworkbench.dsl.spec.SlurmOptions
import java.nio.file.Path

/**
 * The batch script of one grid submission: a job array of [taskCount] tasks, task `i` running the cell whose
 * `spec.json` is on line `i + 1` of [manifest]. Everything a task needs is an absolute path on the shared
 * filesystem (the manifest, the specs, the JVM and the jars of [cellCommand]), so a node needs no checkout.
 *
 * The task writes its start time into `EBM_TASK_STARTED_AT` (read by the cell into its status, to measure the
 * queueing delay), its output into the cell's `cell.log`, and, when the JVM ends, its exit code into
 * `<cell>/slurm-exit`: the exit marker the runner reads, since without accounting Slurm forgets a task's outcome.
 *
 * @param cellCommand java, its options and `-cp … MainKt`: what runs `ebm cell`
 * @param output Slurm's own log of each task (`%a` is the task index); the cells' output goes to their `cell.log`
 */
class SbatchScript(
    private val jobName: String,
    private val taskCount: Int,
    private val manifest: Path,
    private val output: Path,
    private val options: SlurmOptions,
    private val cellCommand: List<String>,
    private val device: String,
    private val scriptDir: Path?,
) {
    init {
        require(taskCount >= 1) { "an array needs at least one task, was $taskCount" }
    }

    /** The script's text. */
    fun text(): String = buildString {
        appendLine("#!/bin/bash")
        directives().forEach { appendLine("#SBATCH $it") }
        appendLine("# Written by `ebm run --executor slurm`: array task i runs the cell on line i+1 of the manifest.")
        appendLine("export EBM_TASK_STARTED_AT=\"\$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)\"")
        appendLine("spec=\"\$(sed -n \"\$((SLURM_ARRAY_TASK_ID + 1))p\" ${quote(manifest.toString())})\"")
        appendLine("cell_dir=\"\$(dirname \"\$spec\")\"")
        appendLine("threads=\"\${SLURM_CPUS_PER_TASK:-1}\"")
        appendLine("export OMP_NUM_THREADS=\"\$threads\" MKL_NUM_THREADS=\"\$threads\"")
        appendLine("rm -f \"\$cell_dir/$EXIT_MARKER\"")
        val command = cellCommand.joinToString(" ") { quote(it) } +
            " cell \"\$spec\" --device ${quote(device)} --threads \"\$threads\"" +
            (scriptDir?.let { " --script-dir ${quote(it.toString())}" } ?: "")
        appendLine("$command >\"\$cell_dir/cell.log\" 2>&1")
        appendLine("code=\$?")
        appendLine("echo \"\$code\" >\"\$cell_dir/$EXIT_MARKER\"")
        appendLine("exit \"\$code\"")
    }

    private fun directives(): List<String> = listOfNotNull(
        "--job-name=${jobName}",
        "--array=0-${taskCount - 1}",
        "--output=$output",
        "--ntasks=1",
        options.partition?.let { "--partition=$it" },
        options.account?.let { "--account=$it" },
        options.time?.let { "--time=$it" },
        options.memory?.let { "--mem=$it" },
        "--cpus-per-task=${options.cpusPerTask ?: 1}",
        options.gpusPerTask?.takeIf { it > 0 }?.let { "--gpus-per-task=$it" },
    ) + options.extra

    companion object {
        /** Written by each task into its cell's folder when the cell's JVM ends: its exit code. */
        const val EXIT_MARKER = "slurm-exit"

        /** [s] as one shell word: in single quotes, with any single quote spelt `'\''`. */
        fun quote(s: String): String =
            if (s.isNotEmpty() && s.all { it.isLetterOrDigit() || it in "/._-=:+,@%" }) s else "'" + s.replace("'", "'\\''") + "'"
    }
}
