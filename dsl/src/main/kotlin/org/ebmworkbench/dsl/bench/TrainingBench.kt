package org.ebmworkbench.dsl.bench

import ai.djl.Device
import ai.djl.ndarray.NDManager
import org.ebmworkbench.dsl.run.CellRunner
import org.ebmworkbench.dsl.spec.CellSpec
import org.ebmworkbench.dsl.spec.ExperimentSpec
import org.ebmworkbench.dsl.spec.adam
import org.ebmworkbench.dsl.spec.buildExperiment
import org.ebmworkbench.dsl.spec.contrastiveDivergence
import org.ebmworkbench.dsl.spec.denoisingScoreMatching
import org.ebmworkbench.dsl.spec.energyDiscrepancy
import org.ebmworkbench.dsl.spec.gaussians25
import org.ebmworkbench.dsl.spec.langevin
import org.ebmworkbench.dsl.spec.logIs
import org.ebmworkbench.dsl.spec.mlp
import org.ebmworkbench.dsl.spec.nce
import org.ebmworkbench.dsl.spec.scoreMatching
import org.ebmworkbench.dsl.spec.slicedScoreMatching
import org.ebmworkbench.dsl.spec.snl
import org.ebmworkbench.engine.train.TrainingListener
import org.ebmworkbench.reports.records.CellState
import java.nio.file.Files
import java.nio.file.Path

/**
 * A training size of the bench: [batch] data points per step, [m] negatives per data point, the MLP's [hidden]
 * widths (softplus, 2-D input).
 */
data class BenchSize(val label: String, val batch: Int, val m: Int, val hidden: IntArray) {
    val describe get() = "batch $batch, M $m, MLP 2-${hidden.joinToString("-")}-1"

    companion object {
        /** The ED 2-D setting (docs/methods.md §8.2): the official 25-Gaussians run. */
        val ED_2D = BenchSize("ED 2-D", 128, 4, intArrayOf(128, 128, 128, 128))
        val LARGE = BenchSize("large", 256, 64, intArrayOf(128, 128))
    }
}

/**
 * Training steps per second of every objective, measured through the same path as `ebm run` (a [CellRunner] on a
 * spec cell: fresh 25-Gaussians batches, Adam 1e-3, EMA 0.999, the status file written at every log), and of the
 * hand-written [ReferenceEdLoop] interleaved with ED.
 *
 * The objectives' "M negatives per data point" at one size: ED m = M; SNL and log-IS M·batch proposal samples,
 * NCE M·batch noise samples per step (so all four evaluate the energy at M·batch extra points); CD M Langevin steps
 * (h = 0.01) from the data; score matching has no negatives. Each cell runs warm-up steps, then [repeats] intervals
 * of a length chosen to last about [intervalSeconds]; the figure is the median rate over the intervals. [objectives]
 * picks some of them by name (null: all).
 */
class TrainingBench(
    private val device: Device,
    private val repeats: Int,
    private val intervalSeconds: Double,
    private val objectives: Set<String>?,
    private val progress: (String) -> Unit,
) {
    fun measure(size: BenchSize): List<Measurement> {
        val group = "training (${size.label}: ${size.describe})"
        val cells = experiment(size).cells()
        objectives?.let { wanted ->
            val unknown = wanted - cells.map { it.method }.toSet()
            require(unknown.isEmpty()) { "bench: no objective $unknown; have ${cells.map { it.method }}" }
        }
        return cells.filter { objectives == null || it.method in objectives }.flatMap { cell ->
            progress("  ${size.label}: ${cell.method}")
            objective(group, cell, size)
        }
    }

    /**
     * The rate of one objective; for ED also the hand-written loop's, its intervals interleaved with the engine's
     * (after each engine interval the loop runs as many steps) so that a drift of the machine's speed hits both alike,
     * and the engine/reference ratio.
     */
    private fun objective(group: String, cell: CellSpec, size: BenchSize): List<Measurement> {
        val probe = intervals(cell, CALIBRATION_INTERVAL, 2, null)
        val rate = if (probe.size == 2) CALIBRATION_INTERVAL / probe[1] else 0.0
        val interval = if (rate > 0) (rate * intervalSeconds).toInt().coerceIn(MIN_INTERVAL, MAX_INTERVAL) else MIN_INTERVAL
        val name = cell.method
        val note = "$interval-step intervals"
        if (name != "ed") {
            return listOf(measurement(group, name, interval, intervals(cell, interval, repeats + 1, null), note))
        }
        return NDManager.newBaseManager(device).use { manager ->
            ReferenceEdLoop(manager, size.batch, size.m, size.hidden).use { loop ->
                val referenceSeconds = mutableListOf<Double>()
                val engineSeconds = intervals(cell, interval, repeats + 1) {
                    timed { loop.steps(interval) }.also { referenceSeconds += it }
                }
                val engine = measurement(group, name, interval, engineSeconds, note)
                val reference = measurement(group, REFERENCE, interval, referenceSeconds, "$note, interleaved with ed's")
                listOf(engine.copy(reference = REFERENCE, ratio = engine.median / reference.median), reference)
            }
        }
    }

    /** The median rate over [seconds] without the first (warm-up) interval; NaN when there are too few. */
    private fun measurement(group: String, name: String, interval: Int, seconds: List<Double>, note: String) =
        if (seconds.size < 2) {
            Measurement(group, name, "steps/s", Double.NaN, Double.NaN, Double.NaN, 0,
                note = "did not finish its intervals (diverged or failed)")
        } else {
            Measurement.of(group, name, "steps/s", rates(interval, seconds.drop(1)), note = note)
        }

    /**
     * Wall seconds of each of [count] intervals of [interval] steps of [cell], the first one warm-up included. After
     * every interval but the last, [between] runs (its seconds, which the trainer's clock counts, are taken out).
     */
    private fun intervals(cell: CellSpec, interval: Int, count: Int, between: (() -> Double)?): List<Double> {
        val walls = mutableListOf(0.0)
        var excluded = 0.0
        val dir = Files.createTempDirectory("ebm-bench-cell")
        try {
            val training = cell.copy(training = cell.training.copy(steps = interval * count, logEvery = interval))
            val status = CellRunner(training, dir, device, null, object : TrainingListener {
                override fun onLog(step: Long, totalSteps: Long, wallSeconds: Double, values: Map<String, Double>) {
                    walls += wallSeconds - excluded
                    if (between != null && step < totalSteps) excluded += between()
                }
            }).run()
            if (status.state != CellState.DONE) progress("    ${cell.method}: ${status.state} ${status.error ?: ""}")
        } finally {
            dir.toFile().deleteRecursively()
        }
        return walls.zipWithNext { a, b -> b - a }
    }

    companion object {
        private const val CALIBRATION_INTERVAL = 10
        private const val MIN_INTERVAL = 5
        private const val MAX_INTERVAL = 2_000
        const val REFERENCE = "hand-written DJL ED loop"

        /** The bench's cells at [size]; [intervals] sets their steps and log interval. */
        fun experiment(size: BenchSize): ExperimentSpec = buildExperiment("bench") {
            datasets(gaussians25())
            energy = mlp(*size.hidden)
            train {
                steps = 1; batch = size.batch; optimizer = adam(lr = 1e-3); ema = 0.999
                evaluateEvery = Int.MAX_VALUE; freshSamples = true
            }
            val negatives = size.m * size.batch
            method("ed") { objective = energyDiscrepancy(m = size.m) }
            method("snl") { objective = snl(proposalSamples = negatives) }
            method("nce") { objective = nce(noiseSamples = negatives) }
            method("log_is") { objective = logIs(proposalSamples = negatives) }
            method("cd") { objective = contrastiveDivergence(langevin(steps = size.m, stepSize = 0.01)) }
            method("sm") { objective = scoreMatching() }
            method("dsm") { objective = denoisingScoreMatching() }
            method("ssm") { objective = slicedScoreMatching() }
        }
    }
}
