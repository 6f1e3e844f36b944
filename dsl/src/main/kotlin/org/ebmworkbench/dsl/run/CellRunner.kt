package org.ebmworkbench.dsl.run

import ai.djl.Device
import ai.djl.ndarray.NDManager
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import org.ebmworkbench.dsl.spec.CellSpec
import org.ebmworkbench.dsl.spec.SpecJson
import org.ebmworkbench.engine.train.Checkpoints
import org.ebmworkbench.engine.train.Trainer
import org.ebmworkbench.engine.train.TrainingListener
import org.ebmworkbench.engine.train.TrainingResult
import org.ebmworkbench.reports.records.CellRecordWriter
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.CellSummary
import org.ebmworkbench.reports.records.DataSample
import org.ebmworkbench.reports.records.DensityCurve
import org.ebmworkbench.reports.records.DensityGrid
import org.ebmworkbench.engine.data.ToyDataset
import org.ebmworkbench.engine.eval.GridResult
import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant

/**
 * Runs one cell to completion and records it under `dir` (spec, status, metrics, summary, checkpoints and
 * artefacts). Never throws for a failure of the cell itself: an exception or out-of-memory becomes a `failed`
 * status with its reason, a NaN/Inf loss a `diverged` one; what was already written stays.
 */
class CellRunner(
    private val cell: CellSpec,
    private val dir: Path,
    private val device: Device,
    private val scriptDir: Path?,
    private val listener: TrainingListener? = null,
) {
    private val writer = CellRecordWriter(dir)
    private val started = Instant.now()
    private var status = CellStatus(
        cellId = cell.id, experiment = cell.experiment, state = CellState.RUNNING, seed = cell.seed,
        dataset = cell.dataset.label, method = cell.method, variant = cell.variant,
        startedAt = started.toString(), updatedAt = started.toString(), device = device.toString(),
        host = RunEnvironment.host, gitCommit = RunEnvironment.gitCommit(scriptDir), versions = RunEnvironment.versions,
    )

    fun run(): CellStatus {
        writer.writeSpec(specJson(cell))
        writeStatus(status)
        return try {
            NDManager.newBaseManager(device).use { manager -> train(manager) }
        } catch (e: Throwable) {
            if (e is InterruptedException || e is java.nio.channels.ClosedByInterruptException ||
                Thread.currentThread().isInterrupted
            ) {
                Thread.currentThread().interrupt()
                return finish(CellState.INTERRUPTED)
            }
            val reason = (e.message ?: e.javaClass.simpleName).let { if (e is OutOfMemoryError) "out of memory: $it" else it }
            finish(CellState.FAILED, error = "${e.javaClass.simpleName}: $reason")
        }
    }

    private fun train(manager: NDManager): CellStatus {
        val data = CellEngine.data(cell, scriptDir)
        val engine = CellEngine.build(cell, data, manager)
        val evaluator = engine.evaluator
        val metricsLog = MetricsLog(writer, cell.metrics.map { it.name })
        val builder = engine.trainer
            .addListener(object : TrainingListener {
                override fun onLog(step: Long, totalSteps: Long, wallSeconds: Double, values: Map<String, Double>) {
                    metricsLog.log(step, wallSeconds, values)
                    writeStatus(status.copy(step = step, totalSteps = totalSteps, wallSeconds = wallSeconds))
                }

                override fun onEvaluation(step: Long, wallSeconds: Double, metrics: Map<String, Double>) =
                    metricsLog.evaluation(step, wallSeconds, metrics)
            })
        listener?.let { builder.addListener(it) }
        val trainer = engine.finish()
        status = status.copy(totalSteps = trainer.totalSteps())
        val result = trainer.train(manager)
        metricsLog.flush()
        // An interrupted cell has no result to keep: it is rerun from the start next time.
        if (result.outcome() == TrainingResult.Outcome.INTERRUPTED) return finish(CellState.INTERRUPTED, step = result.steps())

        Checkpoints.save(dir.resolve(CHECKPOINT_DIR).resolve(FINAL_CHECKPOINT), result.parameters())
        result.emaParameters()?.let { Checkpoints.save(dir.resolve(CHECKPOINT_DIR).resolve(EMA_CHECKPOINT), it) }
        evaluator.lastGrid?.let { grid ->
            if (grid.dim() == 2) {
                writer.writeDensity(DensityGrid(-grid.box(), grid.box(), -grid.box(), grid.box(), grid.resolution(),
                    grid.logDensity().map { it.toDouble() }))
            } else if (grid.dim() == 1) {
                writer.writeDensityCurve(densityCurve(grid, data.generator))
            }
            status = status.copy(warnings = status.warnings + grid.warnings())
        }
        if (data.train.dim() == 2) writer.writeDataSample(dataSample(data))
        val metrics = if (result.outcome() == TrainingResult.Outcome.COMPLETED) result.finalMetrics()
        else cell.metrics.associate { it.name to Double.NaN }
        writer.writeSummary(CellSummary(
            cellId = cell.id, experiment = cell.experiment, dataset = cell.dataset.label, method = cell.method,
            variant = cell.variant,
            seed = cell.seed, metrics = metrics, finalStep = result.steps(), wallSeconds = result.wallSeconds(),
            optimalLogLikelihood = data.optimalLogLikelihood,
        ))
        return when (result.outcome()) {
            TrainingResult.Outcome.COMPLETED -> finish(CellState.DONE, step = result.steps())
            TrainingResult.Outcome.DIVERGED -> finish(CellState.DIVERGED, step = result.steps(),
                error = "non-finite loss at step ${result.divergedAtStep()}", divergedAt = result.divergedAtStep())
            TrainingResult.Outcome.INTERRUPTED -> error("handled above")
        }
    }

    /** The grid's points are `linspace(−box, box, resolution)`, the convention of [DensityCurve]. */
    private fun densityCurve(grid: GridResult, generator: ToyDataset?): DensityCurve {
        val n = grid.resolution()
        val reference = generator?.takeIf { it.hasDensity() && it.dim() == 1 }?.let { g ->
            (0 until n).map { i -> g.logDensity(doubleArrayOf(-grid.box() + 2 * grid.box() * i / (n - 1))) }
        }
        return DensityCurve(-grid.box(), grid.box(), grid.logDensity().map { it.toDouble() }, reference)
    }

    private fun dataSample(data: CellData): DataSample {
        val n = minOf(data.train.size(), MAX_SAMPLE_POINTS)
        return DataSample((0 until n).map { i -> listOf(data.train.get(i, 0).toDouble(), data.train.get(i, 1).toDouble()) })
    }

    private fun finish(state: CellState, step: Long = status.step, error: String? = null, divergedAt: Long? = null): CellStatus {
        val now = Instant.now()
        status = status.copy(state = state, step = step, error = error, divergedAtStep = divergedAt,
            updatedAt = now.toString(), wallSeconds = (now.toEpochMilli() - started.toEpochMilli()) / 1000.0)
        // File channels refuse to write on an interrupted thread (ClosedByInterruptException), and the end of an
        // interrupted cell must still be recorded: write with the flag cleared, then restore it.
        val interrupted = Thread.interrupted()
        try {
            writeStatus(status)
        } finally {
            if (interrupted) Thread.currentThread().interrupt()
        }
        return status
    }

    private fun writeStatus(s: CellStatus) {
        writer.writeStatus(s.copy(updatedAt = Instant.now().toString()))
    }

    companion object {
        const val CHECKPOINT_DIR = "checkpoint"
        const val FINAL_CHECKPOINT = "final.params"
        const val EMA_CHECKPOINT = "ema.params"
        private const val MAX_SAMPLE_POINTS = 5000

        fun specJson(cell: CellSpec): JsonElement = SpecJson.json.encodeToJsonElement(CellSpec.serializer(), cell)

        fun readSpec(dir: Path): CellSpec =
            SpecJson.json.decodeFromString(CellSpec.serializer(), Files.readString(dir.resolve("spec.json")))
    }
}
