package org.ebmworkbench.reports.html

import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import org.ebmworkbench.reports.records.CellRecordWriter
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.CellSummary
import org.ebmworkbench.reports.records.DataSample
import org.ebmworkbench.reports.records.DensityGrid
import org.ebmworkbench.reports.records.ExperimentRecord
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
}
