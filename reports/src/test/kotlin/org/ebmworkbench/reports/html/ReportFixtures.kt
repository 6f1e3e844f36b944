package org.ebmworkbench.reports.html

import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import org.ebmworkbench.reports.records.DensityCurve
import org.ebmworkbench.reports.records.CellRecordWriter
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.CellSummary
import org.ebmworkbench.reports.records.DataSample
import org.ebmworkbench.reports.records.DensityGrid
import org.ebmworkbench.reports.records.DatasetInfo
import org.ebmworkbench.reports.records.Direction
import org.ebmworkbench.reports.records.ExperimentRecord
import org.ebmworkbench.reports.records.GridLayout
import org.ebmworkbench.reports.records.MetricInfo
import org.ebmworkbench.reports.records.SettingInfo
import org.ebmworkbench.reports.records.WarningRecord
import org.ebmworkbench.reports.records.writeExperimentRecord
import java.nio.file.Path
import kotlin.random.Random

/** Builds small, deterministic experiment directories with the real writer. */
object ReportFixtures {
    const val RESOLUTION = 20

    /** Log-density of an isotropic unit Gaussian centred at ([cx], [cy]) on [-3, 3]², row index = y. */
    fun gaussianGrid(cx: Double, cy: Double): DensityGrid {
        val h = 6.0 / RESOLUTION
        val values = List(RESOLUTION * RESOLUTION) { k ->
            val x = -3.0 + (k % RESOLUTION + 0.5) * h
            val y = -3.0 + (k / RESOLUTION + 0.5) * h
            -0.5 * ((x - cx) * (x - cx) + (y - cy) * (y - cy)) - Math.log(2 * Math.PI)
        }
        return DensityGrid(-3.0, 3.0, -3.0, 3.0, RESOLUTION, values)
    }

    fun gaussianSample(seed: Int, n: Int, cx: Double, cy: Double): DataSample {
        val rng = java.util.Random(seed.toLong())
        return DataSample(List(n) { listOf(cx + rng.nextGaussian(), cy + rng.nextGaussian()) })
    }

    fun experiment(dir: Path, name: String, cellIds: List<String>) = writeExperimentRecord(
        dir,
        ExperimentRecord(name, "experiments/x.ebm.kts", cellIds, "2025-01-01T00:00:00Z", buildJsonObject { put("name", JsonPrimitive(name)) }),
    )

    /** A done cell with a summary, two learning-curve columns, a density and a data sample. */
    fun doneCell(
        dir: Path, id: String, experiment: String, dataset: String, method: String, seed: Long,
        testLl: Double, columns: List<String> = listOf("loss", "test_ll_grid"),
    ) {
        val w = CellRecordWriter(dir.resolve(id))
        w.writeSpec(buildJsonObject { put("dataset", JsonPrimitive(dataset)); put("method", JsonPrimitive(method)) })
        w.writeStatus(CellStatus(id, experiment, CellState.DONE, step = 200, totalSteps = 200, wallSeconds = 12.5, seed = seed, host = "box1"))
        w.startMetrics(columns)
        val rng = Random(seed)
        for (step in 0L..200L step 50L) w.appendMetrics(step, step / 10.0, columns.associateWith { rng.nextDouble() })
        w.writeSummary(
            CellSummary(id, experiment, dataset, method, seed, mapOf("test_ll_grid" to testLl, "test_ll_is" to Double.NaN), 200, 12.5, -3.0),
        )
        w.writeDensity(gaussianGrid(0.0, 0.0))
        w.writeDataSample(gaussianSample(seed.toInt(), 500, 0.0, 0.0))
    }

    /** The test_ll_grid metric as the runner declares it. */
    val GRID_METRIC = MetricInfo("test_ll_grid", Direction.HIGHER, "quadrature on a 300² grid over [−6, 6]²", logLikelihood = true)

    /** The row label the dsl gives a setting: the `method` label (else [objective]), then `k=v` for the others. */
    fun label(variant: Map<String, String>, objective: String = "ed"): String =
        (listOf(variant["method"] ?: objective) + variant.filterKeys { it != "method" }.map { (k, v) -> "$k=$v" }).joinToString(" ")

    /** An experiment.json with a grid layout as the runner writes it: datasets, seeds, settings with their metrics. */
    fun gridExperiment(
        dir: Path, name: String, cellIds: List<String>, datasets: List<String>, seeds: List<Long>,
        variants: List<Map<String, String>>, metrics: List<MetricInfo> = listOf(GRID_METRIC), objective: String = "ed",
        optimum: Double? = null,
    ) {
        val layout = GridLayout(
            seeds,
            datasets.map { DatasetInfo(it, "5000 points drawn from the generator", optimum) },
            variants.map { v -> SettingInfo(label(v, objective), v, metrics) },
        )
        val spec = buildJsonObject { put("name", JsonPrimitive(name)) }
        writeExperimentRecord(dir, ExperimentRecord(name, "experiments/grid.ebm.kts", cellIds, "2025-01-01T00:00:00Z", spec, layout))
    }

    /**
     * One grid cell as the dsl writes it: status (with dataset, method label and variant) always; a summary when
     * [metrics] is given (done or diverged cells); a metrics.csv whose `loss` column depends on the seed; optionally
     * a 2-D density with a data sample and a 1-D curve.
     */
    fun gridCell(
        dir: Path, id: String, experiment: String, dataset: String, variant: Map<String, String>, seed: Long,
        state: CellState = CellState.DONE, metrics: Map<String, Double>? = null, error: String? = null,
        divergedAt: Long? = null, optimum: Double? = null, density: Boolean = false, curve: DensityCurve? = null,
        objective: String = "ed", metricWarnings: List<WarningRecord> = emptyList(),
    ) {
        val method = label(variant, objective)
        val w = CellRecordWriter(dir.resolve(id))
        w.writeSpec(buildJsonObject { put("dataset", JsonPrimitive(dataset)); put("method", JsonPrimitive(method)) })
        w.writeStatus(CellStatus(
            id, experiment, state, step = divergedAt ?: 100, totalSteps = 100, error = error, divergedAtStep = divergedAt,
            seed = seed, dataset = dataset, method = method, variant = variant, metricWarnings = metricWarnings,
        ))
        if (state != CellState.FAILED) {
            w.startMetrics(listOf("loss"))
            for (step in 0L..100L step 25L) w.appendMetrics(step, step / 10.0, mapOf("loss" to 1.0 / (step + 1) + seed * 0.01))
        }
        if (metrics != null) w.writeSummary(CellSummary(id, experiment, dataset, method, seed, metrics, 100, 10.0, optimum, variant))
        if (density) {
            w.writeDensity(gaussianGrid(seed * 0.1, 0.0))
            w.writeDataSample(gaussianSample(seed.toInt(), 200, 0.0, 0.0))
        }
        curve?.let(w::writeDensityCurve)
    }

    /** A standard normal's log-density on [-4, 4] (41 points), shifted by [shift]; with the exact reference. */
    fun normalCurve(shift: Double): DensityCurve {
        val xs = List(41) { -4.0 + 8.0 * it / 40 }
        val truth = xs.map { -0.5 * it * it - 0.5 * Math.log(2 * Math.PI) }
        return DensityCurve(-4.0, 4.0, truth.map { it + shift }, truth)
    }
}
