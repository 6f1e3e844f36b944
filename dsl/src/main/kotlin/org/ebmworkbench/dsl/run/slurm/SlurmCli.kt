package org.ebmworkbench.dsl.run.slurm

import java.nio.file.Path
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.TimeUnit

/** A Slurm command failed; [message] quotes the command and what it printed. */
class SlurmException(message: String) : RuntimeException(message)

/** One array task as Slurm reports it: its state (`PENDING`, `RUNNING`, `CANCELLED`, …) and reason. */
data class TaskState(val taskId: Int, val state: String, val reason: String?) {
    /** Still queued or running: a cell under such a task must not be submitted again. */
    val live: Boolean get() = state.substringBefore(' ') in LIVE_STATES

    companion object {
        val LIVE_STATES = setOf("PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED",
            "REQUEUE_HOLD", "REQUEUE_FED", "RESIZING", "SIGNALING", "STAGE_OUT", "STOPPED", "RESV_DEL_HOLD")
    }
}

/**
 * The Slurm commands the workbench uses: `sbatch` to submit, `scontrol release` to start a held array, and `squeue`
 * (then `sacct`, where accounting exists) for the tasks' states. Without accounting `sacct` knows nothing, and a task
 * is visible in `squeue --states=all` for `MinJobAge` seconds after it ends; past that, the cells' own records and
 * exit markers tell. [tasks] answers are cached for [cacheMillis], so that many claims checked at once cost one query.
 */
class SlurmCli(private val cacheMillis: Long = 1000, private val commandTimeoutSeconds: Long = 60) {
    private data class Cached(val at: Long, val tasks: Map<Int, TaskState>?)

    private val cache = ConcurrentHashMap<String, Cached>()

    /** Submits [script] held (so that its cells' statuses can carry the job id before any starts); the job id. */
    fun submitHeld(script: Path): String =
        run(listOf("sbatch", "--parsable", "--hold", script.toString()), script.parent).output.trim()
            .substringBefore(';').also { if (!it.all(Char::isDigit) || it.isEmpty()) throw SlurmException("sbatch printed no job id: $it") }

    /** Lets the held array [jobId] start. */
    fun release(jobId: String) {
        run(listOf("scontrol", "release", jobId))
    }

    /** Cancels a task or job, e.g. `42_3`. */
    fun cancel(jobId: String) {
        run(listOf("scancel", jobId))
    }

    /**
     * The tasks of array [arrayJobId] by index, from `squeue` and, for tasks it no longer lists, `sacct`; empty when
     * Slurm has forgotten the job; null when Slurm cannot be asked (no `squeue`, controller down).
     */
    fun tasks(arrayJobId: String): Map<Int, TaskState>? {
        val now = System.currentTimeMillis()
        cache[arrayJobId]?.takeIf { now - it.at < cacheMillis }?.let { return it.tasks }
        val fresh = query(arrayJobId)
        cache[arrayJobId] = Cached(now, fresh)
        return fresh
    }

    /** Whether task [jobTask] (`42_3`) is queued or running; null when Slurm cannot be asked. */
    fun isLive(jobTask: String): Boolean? {
        val tasks = tasks(jobTask.substringBefore('_')) ?: return null
        return tasks[jobTask.substringAfter('_').toIntOrNull() ?: return false]?.live ?: false
    }

    private fun query(arrayJobId: String): Map<Int, TaskState>? {
        val squeue = runCatching {
            tryRun(listOf("squeue", "-h", "-r", "--states=all", "-j", arrayJobId, "-o", "%K|%T|%r"))
        }.getOrNull() ?: return null
        val listed = if (squeue.exit == 0) parseSqueue(squeue.output)
        else if ("Invalid job id" in squeue.output) emptyMap()
        else return null
        val sacct = runCatching {
            tryRun(listOf("sacct", "-n", "-P", "-X", "-j", arrayJobId, "-o", "JobID,State,ExitCode"))
        }.getOrNull()?.takeIf { it.exit == 0 }?.let { parseSacct(it.output, arrayJobId) } ?: emptyMap()
        return sacct + listed
    }

    private data class Result(val exit: Int, val output: String)

    private fun run(command: List<String>, dir: Path? = null): Result {
        val result = try {
            tryRun(command, dir)
        } catch (e: java.io.IOException) {
            throw SlurmException("${command.first()} could not be run (${e.message}); is Slurm installed here?")
        }
        if (result.exit != 0) {
            throw SlurmException("`${command.joinToString(" ")}` failed (exit ${result.exit}): ${result.output.trim()}")
        }
        return result
    }

    private fun tryRun(command: List<String>, dir: Path? = null): Result {
        val process = ProcessBuilder(command).redirectErrorStream(true).apply { dir?.let { directory(it.toFile()) } }.start()
        val output = process.inputStream.bufferedReader().readText()
        if (!process.waitFor(commandTimeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly()
            throw SlurmException("`${command.joinToString(" ")}` did not answer in $commandTimeoutSeconds s")
        }
        return Result(process.exitValue(), output)
    }

    companion object {
        /** Lines `index|STATE|reason` of `squeue -r -o %K|%T|%r`; lines of other shapes (warnings) are skipped. */
        fun parseSqueue(output: String): Map<Int, TaskState> = output.lineSequence().mapNotNull { line ->
            val parts = line.trim().split('|')
            val index = parts.getOrNull(0)?.toIntOrNull() ?: return@mapNotNull null
            if (parts.size < 2 || parts[1].isBlank()) return@mapNotNull null
            TaskState(index, parts[1], parts.getOrNull(2)?.takeIf { it.isNotBlank() && it != "None" })
        }.associateBy { it.taskId }

        /** Lines `42_3|CANCELLED by 0|0:15` of `sacct -P -o JobID,State,ExitCode` for array [arrayJobId]. */
        fun parseSacct(output: String, arrayJobId: String): Map<Int, TaskState> = output.lineSequence().mapNotNull { line ->
            val parts = line.trim().split('|')
            val id = parts.getOrNull(0) ?: return@mapNotNull null
            if (!id.startsWith("${arrayJobId}_")) return@mapNotNull null
            val index = id.substringAfter('_').toIntOrNull() ?: return@mapNotNull null
            val state = parts.getOrNull(1)?.takeIf { it.isNotBlank() } ?: return@mapNotNull null
            TaskState(index, state.substringBefore(' '), listOfNotNull(
                state.substringAfter(' ', "").takeIf { it.isNotBlank() },
                parts.getOrNull(2)?.takeIf { it.isNotBlank() }?.let { "exit code $it" },
            ).joinToString(", ").ifEmpty { null })
        }.associateBy { it.taskId }
    }
}
