package org.ebmworkbench.dsl.cli

import com.github.ajalt.clikt.core.CliktCommand
import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.parameters.arguments.argument
import com.github.ajalt.clikt.parameters.types.path
import org.ebmworkbench.dsl.run.slurm.SlurmCli
import org.ebmworkbench.dsl.run.slurm.SlurmOutcome
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.RunRecords
import java.nio.file.Path
import java.util.Locale

/**
 * `ebm status DIR`: one line per cell of an experiment folder. A cell submitted to Slurm shows its task and Slurm's
 * current state; a task that ended since anyone last looked has its end recorded now (as the runner would have),
 * so a detached grid's records are complete once `ebm status` has seen every task end.
 */
class StatusCommand : CliktCommand(name = "status") {
    override fun help(context: Context) =
        "Show the state of every cell in DIR (runs/<experiment>), asking Slurm about cells submitted to it."

    private val dir by argument(help = "an experiment directory, e.g. runs/quickstart").path(mustExist = true, canBeFile = false)

    override fun run() {
        val slurm = SlurmCli()
        val run = RunRecords.readExperiment(dir)
        val statuses = run.cells.mapNotNull { cell -> cell.status?.let { refresh(cell.dir, it, slurm) } }
        val counts = statuses.groupingBy { it.state.name.lowercase() }.eachCount().entries
            .joinToString(" · ") { "${it.value} ${it.key}" }
        echo("${run.record?.name ?: dir.fileName}: ${run.record?.cellIds?.size ?: statuses.size} cell(s): $counts")
        statuses.forEach { echo("  " + line(it)) }
    }

    /** [status], with the end of its Slurm task recorded if the task is gone, or Slurm's live state if not. */
    private fun refresh(cellDir: Path, status: CellStatus, slurm: SlurmCli): CellStatus {
        val task = status.slurm?.takeIf { SlurmOutcome.isOpen(status) } ?: return status
        val tasks = slurm.tasks(task.arrayJobId) ?: return status // Slurm cannot be asked here: as recorded
        val now = tasks[task.taskId]
        val marker = cellDir.resolve(org.ebmworkbench.dsl.run.slurm.SbatchScript.EXIT_MARKER).toFile().exists()
        if (now == null || !now.live || marker) return SlurmOutcome.record(cellDir, now, arrayListed = tasks.isNotEmpty())
        return status.copy(slurm = task.copy(state = now.state, reason = now.reason))
    }

    private fun line(s: CellStatus): String {
        val progress = if (s.totalSteps > 0) String.format(Locale.ROOT, "%d/%d", s.step, s.totalSteps) else ""
        val slurm = s.slurm?.let { t -> "slurm ${t.jobId} ${t.state ?: ""}${t.reason?.let { " ($it)" } ?: ""}" } ?: ""
        val error = s.error?.lineSequence()?.firstOrNull()?.let { "  $it" } ?: ""
        return listOf(s.cellId, s.state.name.lowercase(), progress, slurm).filter { it.isNotBlank() }
            .joinToString("  ") + error
    }
}
