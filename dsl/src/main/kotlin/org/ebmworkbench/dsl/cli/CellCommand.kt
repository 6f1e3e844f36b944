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
import org.ebmworkbench.dsl.run.CellRunner
import org.ebmworkbench.dsl.spec.CellSpec
import org.ebmworkbench.dsl.spec.SpecJson
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import java.nio.file.Files
import kotlin.concurrent.thread
import kotlin.system.exitProcess

/**
 * `ebm cell SPEC.json`: runs one cell into the folder of SPEC.json; what the local executor starts, one JVM per cell.
 * SIGTERM or Ctrl-C stops training and records the cell as interrupted. Exit code: 0 done or diverged, 1 failed,
 * 130 interrupted.
 */
class CellCommand : CliktCommand(name = "cell") {
    override fun help(context: Context) =
        "Run the single cell described by SPEC.json (written by `ebm run`) into its folder."

    private val spec by argument(help = "a cell's spec.json").path(mustExist = true, canBeDir = false)
    private val device by option("--device", help = "cpu, gpu or auto").choice("cpu", "gpu", "auto").default("auto")
    private val scriptDir by option("--script-dir", help = "folder that relative CSV paths are resolved against").path()
    private val threads by option("--threads", help = "PyTorch threads for this cell (default: PyTorch's, one per core)")
        .int().check("must be at least 1") { it >= 1 }
    private val stopOnStdinEof by option("--stop-on-stdin-eof",
        help = "stop (as interrupted) when standard input closes, i.e. when the parent runner dies").flag()

    override fun run() {
        // Read by DJL when the engine starts, i.e. before the first tensor.
        threads?.let { System.setProperty("ai.djl.pytorch.num_threads", it.toString()) }
        val cell = try {
            SpecJson.json.decodeFromString(CellSpec.serializer(), Files.readString(spec))
        } catch (e: Exception) {
            echo("error: $spec is not a cell spec: ${e.message?.lineSequence()?.firstOrNull()}", err = true)
            throw ProgramResult(2)
        }
        val dir = spec.toAbsolutePath().parent
        val dev = selectDevice(device)
        var status: CellStatus? = null
        val worker = thread(name = "ebm-cell", start = false) {
            val listener = ProgressBar(cell.id, System.out, interactive = false)
            status = CellRunner(cell, dir, dev, scriptDir, listener).run()
        }
        Runtime.getRuntime().addShutdownHook(Thread {
            if (worker.isAlive) {
                worker.interrupt()
                worker.join(SHUTDOWN_WAIT_MS)
            }
        })
        if (stopOnStdinEof) {
            thread(name = "ebm-parent-watch", isDaemon = true) {
                while (System.`in`.read() >= 0) Unit
                if (worker.isAlive) exitProcess(INTERRUPTED_EXIT) // runs the shutdown hook above
            }
        }
        echo("cell ${cell.id}: ${cell.dataset.label}, ${cell.method}, seed ${cell.seed}, on $dev")
        worker.start()
        worker.join()
        status?.let { s -> echo("cell ${cell.id}: ${s.state.name.lowercase()}${s.error?.let { " ($it)" } ?: ""}") }
        when (status?.state) {
            CellState.DONE, CellState.DIVERGED -> Unit
            CellState.INTERRUPTED -> throw ProgramResult(INTERRUPTED_EXIT)
            else -> throw ProgramResult(1)
        }
    }

    private companion object {
        const val SHUTDOWN_WAIT_MS = 30_000L
        const val INTERRUPTED_EXIT = 130
    }
}
