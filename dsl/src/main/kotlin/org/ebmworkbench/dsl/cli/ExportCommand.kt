package org.ebmworkbench.dsl.cli

import com.github.ajalt.clikt.core.CliktCommand
import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.core.ProgramResult
import com.github.ajalt.clikt.parameters.options.option
import com.github.ajalt.clikt.parameters.options.required
import com.github.ajalt.clikt.parameters.types.path
import org.ebmworkbench.reports.records.CellRecordWriter
import org.ebmworkbench.reports.records.EXPERIMENT_FILE
import org.ebmworkbench.reports.records.RunRecords
import org.ebmworkbench.reports.tensorboard.TensorBoardExport
import org.ebmworkbench.reports.tensorboard.TensorBoardFiles
import java.io.IOException
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.isRegularFile
import kotlin.io.path.name

/**
 * `ebm export --tensorboard DIR`: TensorBoard event files for an experiment recorded before cells wrote them, from
 * each cell's metrics.csv, status.json and summary.json, into the cell's own `tensorboard/` folder (the file the cell
 * would have written), so that `tensorboard --logdir DIR` shows one run per cell either way.
 */
class ExportCommand : CliktCommand(name = "export") {
    override fun help(context: Context) =
        "Write TensorBoard event files for the experiment in DIR (runs/<experiment>), from its run records, into each " +
            "cell's ${TensorBoardFiles.DIR}/ folder, replacing the event files there. Cells write these files while " +
            "they run; this is for runs made before they did. Then: tensorboard --logdir DIR (one run per cell, the " +
            "settings in the HParams tab). Running cells and cells with no metrics yet are left as they are; a cell " +
            "whose metrics.csv cannot be read is printed, and the exit code is then 1 (2 when a file cannot be written)."

    private val dir by option("--tensorboard", metavar = "DIR", help = "the experiment directory to export, e.g. runs/quickstart")
        .path(mustExist = true, canBeFile = false).required()

    override fun run() {
        problem(dir)?.let { fail(it) }
        val result = try {
            TensorBoardExport.exportExperiment(dir)
        } catch (e: IOException) {
            echo("error: writing the event files: ${OutputFolder.describe(e)}", err = true)
            throw ProgramResult(2)
        }
        result.written.forEach { (id, file) -> echo("  $id: ${dir.relativize(file)}") }
        result.skipped.forEach { (id, why) -> echo("  $id: skipped, $why") }
        result.unreadable.forEach { (id, why) -> echo("error: cell $id: $why", err = true) }
        if (result.written.isEmpty() && result.unreadable.isEmpty()) {
            fail("no cell of $dir has metrics to export (${result.skipped.size} cell(s), none with a ${CellRecordWriter.METRICS_FILE})")
        }
        echo("exported ${result.written.size} cell(s); view them with: tensorboard --logdir $dir")
        if (result.unreadable.isNotEmpty()) throw ProgramResult(1)
    }

    /** Why [dir] is not an experiment folder with cells, in words that say what to give instead; null if it is one. */
    private fun problem(dir: Path): String? {
        if (dir.resolve(CellRecordWriter.STATUS_FILE).isRegularFile() || dir.resolve(CellRecordWriter.SPEC_FILE).isRegularFile()) {
            return "$dir is the folder of one cell; give its experiment folder, ${dir.toAbsolutePath().parent}"
        }
        if (!dir.resolve(EXPERIMENT_FILE).isRegularFile()) {
            val experiments = Files.list(dir).use { s -> s.filter { it.resolve(EXPERIMENT_FILE).isRegularFile() }.toList() }
                .map { it.name }.sorted()
            return if (experiments.isEmpty()) {
                "$dir holds no experiment record ($EXPERIMENT_FILE); give the folder of one experiment, e.g. runs/quickstart"
            } else {
                "$dir holds experiments (${experiments.joinToString(", ")}), not cells; give one of them, e.g. " +
                    dir.resolve(experiments.first())
            }
        }
        if (RunRecords.readExperiment(dir).cells.isEmpty()) {
            return "$dir has no cells (no subfolder with ${CellRecordWriter.SPEC_FILE} or ${CellRecordWriter.STATUS_FILE})"
        }
        return null
    }

    private fun fail(message: String): Nothing {
        echo("error: $message", err = true)
        throw ProgramResult(1)
    }
}
