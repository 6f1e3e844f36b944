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
import org.ebmworkbench.reports.records.FiniteOrNull
import org.ebmworkbench.reports.records.WarningRecord
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
        machine = RunEnvironment.machine,
        slurm = org.ebmworkbench.dsl.run.slurm.SlurmEnvironment.task(dir), // issue 16: the task's ids while it runs
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
        val metricsLog = MetricsLog(writer)
        val builder = engine.trainer
            .addListener(object : TrainingListener {
                override fun onLog(step: Long, totalSteps: Long, wallSeconds: Double, values: Map<String, Double>) {
                    metricsLog.log(step, wallSeconds, values)
                    status = status.copy(step = step, totalSteps = totalSteps, wallSeconds = wallSeconds)
                    writeStatus(status)
                }

                override fun onEvaluation(step: Long, wallSeconds: Double, metrics: Map<String, Double>) =
                    metricsLog.evaluation(step, wallSeconds, metrics)
            })
        listener?.let { builder.addListener(it) }
        val trainer = engine.finish()
        metricsLog.start(trainer.logColumns() + cell.metrics.map { it.name })
        status = status.copy(totalSteps = trainer.totalSteps())
        val result = trainer.train(manager)
        metricsLog.flush()
        // An interrupted cell has no result to keep: it is rerun from the start next time.
        if (result.outcome() == TrainingResult.Outcome.INTERRUPTED) return finish(CellState.INTERRUPTED, step = result.steps())
        val checkpoints = saveCheckpoints(result)
        writeArtefacts(evaluator, data)
        val discreteWarnings = DiscreteArtefacts.write(writer, data, engine.energy, evaluator,
            result.emaParameters() ?: result.parameters(), result.outcome() == TrainingResult.Outcome.COMPLETED, MAX_SAMPLE_POINTS)
        status = status.copy(warnings = status.warnings + discreteWarnings)
        // A diverged cell's numbers stop at its first bad step: the parameters after it are not a result.
        val lastStep = result.divergedAtStep() ?: result.steps()
        val metrics = if (result.outcome() == TrainingResult.Outcome.COMPLETED) result.finalMetrics()
        else cell.metrics.associate { it.name to Double.NaN }
        val nonFinite = metrics.filterValues { !it.isFinite() }.mapValues { (_, v) ->
            if (result.outcome() == TrainingResult.Outcome.DIVERGED) "not evaluated: training diverged at step $lastStep"
            else FiniteOrNull.reason(v)!!
        }
        writer.writeSummary(CellSummary(
            cellId = cell.id, experiment = cell.experiment, dataset = cell.dataset.label, method = cell.method,
            variant = cell.variant,
            seed = cell.seed, metrics = metrics, finalStep = lastStep, wallSeconds = result.wallSeconds(),
            optimalLogLikelihood = cell.dataset.optimalLogLikelihood,
        ))
        status = status.copy(checkpoints = checkpoints, nonFinite = nonFinite)
        return when (result.outcome()) {
            TrainingResult.Outcome.COMPLETED -> finish(CellState.DONE, step = lastStep)
            TrainingResult.Outcome.DIVERGED -> finish(CellState.DIVERGED, step = lastStep,
                error = "non-finite loss at step $lastStep", divergedAt = lastStep)
            TrainingResult.Outcome.INTERRUPTED -> error("handled above")
        }
    }

    /** Saves the final (and EMA) parameters; returns each file, relative to the cell folder, with its size. */
    private fun saveCheckpoints(result: TrainingResult): Map<String, Long> {
        val files = linkedMapOf("$CHECKPOINT_DIR/$FINAL_CHECKPOINT" to result.parameters())
        result.emaParameters()?.let { files["$CHECKPOINT_DIR/$EMA_CHECKPOINT"] = it }
        return files.mapValues { (name, parameters) ->
            val file = dir.resolve(name)
            Checkpoints.save(file, parameters)
            Files.size(file)
        }
    }

    private fun writeArtefacts(evaluator: CellEvaluator, data: CellData) {
        evaluator.lastGrid?.let { grid ->
            if (grid.dim() == 2) {
                writer.writeDensity(DensityGrid(-grid.box(), grid.box(), -grid.box(), grid.box(), grid.resolution(),
                    grid.logDensity().map { it.toDouble() }))
            } else if (grid.dim() == 1) {
                writer.writeDensityCurve(densityCurve(grid, data.generator))
            }
            val warnings = grid.warnings().map { WarningRecord(it.metric(), it.mark(), it.text()) }
            status = status.copy(warnings = status.warnings + warnings.map { it.text }, metricWarnings = status.metricWarnings + warnings)
        }
        if (data.train.dim() == 2) writer.writeDataSample(dataSample(data))
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
        // Records are written through streams that an interrupt does not abort (AtomicFiles), so the end of an
        // interrupted cell is recorded too.
        writeStatus(status)
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
