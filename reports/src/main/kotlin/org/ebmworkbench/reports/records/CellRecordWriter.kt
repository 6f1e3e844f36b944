package org.ebmworkbench.reports.records

import kotlinx.serialization.json.JsonElement
import org.ebmworkbench.reports.tensorboard.CellEventLog
import java.nio.file.Path

/**
 * Writes the run records of one cell into [dir] (`runs/<experiment>/<cell-id>/`). Every file is replaced
 * atomically, so a concurrent reader (the report, a resumed run) never sees a partial file.
 * `metrics.csv` is kept in memory and rewritten whole on each [appendMetrics]; each row also goes to the cell's
 * TensorBoard event file ([CellEventLog]), started with the metrics and ended by the status that ends the cell.
 */
class CellRecordWriter(val dir: Path) {
    private var columns: List<String>? = null
    private val rows = mutableListOf<List<Double?>>()
    private var lastStatus: CellStatus? = null
    private var lastSummary: CellSummary? = null
    private var events: CellEventLog? = null

    fun writeSpec(spec: JsonElement) = write(SPEC_FILE, RecordJson.json.encodeToString(JsonElement.serializer(), spec))

    @Synchronized
    fun writeStatus(status: CellStatus) {
        write(STATUS_FILE, RecordJson.json.encodeToString(CellStatus.serializer(), status))
        lastStatus = status
        if (status.state !in OPEN_STATES) {
            events?.end(status, lastSummary)
            events = null
        }
    }

    @Synchronized
    fun writeSummary(summary: CellSummary) {
        write(SUMMARY_FILE, RecordJson.json.encodeToString(CellSummary.serializer(), summary))
        lastSummary = summary
    }

    fun writeDensity(grid: DensityGrid) = write(DENSITY_FILE, RecordJson.json.encodeToString(DensityGrid.serializer(), grid))

    fun writeDensityCurve(curve: DensityCurve) =
        write(DENSITY_CURVE_FILE, RecordJson.json.encodeToString(DensityCurve.serializer(), curve))

    fun writeDataSample(sample: DataSample) =
        write(DATA_FILE, RecordJson.json.encodeToString(DataSample.serializer(), sample))

    fun writeModelSamples(sample: DataSample) =
        write(MODEL_SAMPLES_FILE, RecordJson.json.encodeToString(DataSample.serializer(), sample))

    fun writeCouplings(couplings: CouplingMatrices) =
        write(COUPLINGS_FILE, RecordJson.json.encodeToString(CouplingMatrices.serializer(), couplings))

    /**
     * Starts (or restarts) `metrics.csv` with the metric [metricColumns], which follow the fixed
     * `step,wall_seconds`. Writes the header immediately and forgets any earlier rows.
     */
    @Synchronized
    fun startMetrics(metricColumns: List<String>) {
        metricColumns.forEach(MetricsCsv::checkColumnName)
        val all = listOf(MetricsCsv.STEP, MetricsCsv.WALL_SECONDS) + metricColumns
        require(all.toSet().size == all.size) { "duplicate metric columns in $metricColumns" }
        columns = all
        rows.clear()
        flushMetrics(all)
        events?.close()
        events = CellEventLog.start(dir, all, lastStatus)
    }

    /**
     * Appends one row: [values] by metric name; a column absent from [values] is written as an empty field.
     * A name that is not one of the started columns is an error (it would otherwise be silently lost).
     */
    @Synchronized
    fun appendMetrics(step: Long, wallSeconds: Double, values: Map<String, Double>) {
        val cols = checkNotNull(columns) { "startMetrics must be called before appendMetrics" }
        val unknown = values.keys - cols.drop(2).toSet()
        require(unknown.isEmpty()) { "unknown metric columns $unknown (started with ${cols.drop(2)})" }
        rows += listOf(step.toDouble(), wallSeconds) + cols.drop(2).map { values[it] }
        flushMetrics(cols)
        events?.append(rows.last())
    }

    private fun flushMetrics(cols: List<String>) = write(METRICS_FILE, MetricsCsv.format(cols, rows))

    private fun write(relative: String, text: String) = AtomicFiles.writeText(dir.resolve(relative), text)

    companion object {
        const val SPEC_FILE = "spec.json"
        const val STATUS_FILE = "status.json"
        const val SUMMARY_FILE = "summary.json"
        const val METRICS_FILE = "metrics.csv"
        const val DENSITY_FILE = "artefacts/density.json"
        const val DENSITY_CURVE_FILE = "artefacts/density1d.json"
        const val DATA_FILE = "artefacts/data.json"
        const val MODEL_SAMPLES_FILE = "artefacts/model_samples.json"
        const val COUPLINGS_FILE = "artefacts/couplings.json"
        private val OPEN_STATES = setOf(CellState.PENDING, CellState.RUNNING)
    }
}
