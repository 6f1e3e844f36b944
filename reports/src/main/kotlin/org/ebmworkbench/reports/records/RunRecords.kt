package org.ebmworkbench.reports.records

import kotlinx.serialization.KSerializer
import kotlinx.serialization.json.JsonElement
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.isDirectory
import kotlin.io.path.isRegularFile
import kotlin.io.path.name

/** Everything read from one cell directory; a file that is missing or unreadable is null. */
data class CellRun(
    val id: String,
    val dir: Path,
    val spec: JsonElement?,
    val status: CellStatus?,
    val summary: CellSummary?,
    val metrics: MetricsTable?,
    val density: DensityGrid?,
    val densityCurve: DensityCurve?,
    val data: DataSample?,
    val modelSamples: DataSample? = null,
    val couplings: CouplingMatrices? = null,
)

/**
 * Everything read from one experiment directory. [problems] lists, in plain words, every expected file that
 * is missing or could not be read; a partial or broken run is data to report, not an exception. [retired] are the
 * ids of cell folders that the experiment record does not list: cells of an earlier version of the script, kept on
 * disk (a later version may come back to them) but not part of this grid.
 */
data class ExperimentRun(
    val record: ExperimentRecord?, val cells: List<CellRun>, val problems: List<String>, val retired: List<String> = emptyList(),
)

/** Reads run records written by [CellRecordWriter] and [writeExperimentRecord]. */
object RunRecords {
    /**
     * Reads `dir/experiment.json` and the cells it lists: the subdirectories of [dir] that hold a `spec.json` or
     * `status.json` (every one of them when there is no readable record). Cells are ordered as in the record. Always-expected files are
     * `spec.json` and `status.json`; `summary.json` and `metrics.csv` are expected once a cell is done;
     * the artefacts are optional. Unreadable files (corrupt JSON, bad CSV) are always problems.
     */
    fun readExperiment(dir: Path): ExperimentRun {
        val problems = mutableListOf<String>()
        if (!dir.isDirectory()) return ExperimentRun(null, emptyList(), listOf("experiment directory $dir does not exist"))
        val record = readJson(dir, EXPERIMENT_FILE, ExperimentRecord.serializer(), "experiment", problems, true)
        val (listed, retired) = cellDirs(dir).partition { record == null || it.name in record.cellIds }
        val order = record?.cellIds.orEmpty().withIndex().associate { (i, id) -> id to i }
        val sorted = listed.sortedWith(compareBy<Path>({ order[it.name] ?: Int.MAX_VALUE }, { it.name }))
        val cells = sorted.map { readCell(it, problems) }
        val present = cells.map { it.id }.toSet()
        record?.cellIds?.filter { it !in present }?.forEach {
            problems += "cell $it: listed in $EXPERIMENT_FILE but has no directory with spec.json or status.json"
        }
        return ExperimentRun(record, cells, problems, retired.map { it.name })
    }

    /**
     * The cells under [dir] whose status says finished but whose records are damaged ([CellVerdict.Damaged]), by id,
     * with what is wrong.
     */
    fun damagedCells(dir: Path): Map<String, String> = cellDirs(dir).mapNotNull { cell ->
        (CellVerdict.verify(cell) as? CellVerdict.Damaged)?.let { cell.name to it.reason }
    }.toMap()

    private fun cellDirs(dir: Path): List<Path> = Files.list(dir).use { stream ->
        stream.filter {
            it.isDirectory() && (it.resolve(CellRecordWriter.SPEC_FILE).isRegularFile() ||
                it.resolve(CellRecordWriter.STATUS_FILE).isRegularFile())
        }.toList()
    }.sortedBy { it.name }

    /** The cell's `status.json`, or null when it is missing or unreadable (a cell being written or never started). */
    fun readStatus(cellDir: Path): CellStatus? = runCatching {
        RecordJson.json.decodeFromString(CellStatus.serializer(), Files.readString(cellDir.resolve(CellRecordWriter.STATUS_FILE)))
    }.getOrNull()

    /** Reads one cell directory, adding to [problems] for each missing or unreadable expected file. */
    fun readCell(dir: Path, problems: MutableList<String>): CellRun {
        val id = dir.name
        val what = "cell $id"
        val spec = readJson(dir, CellRecordWriter.SPEC_FILE, JsonElement.serializer(), what, problems, true)
        val status = readJson(dir, CellRecordWriter.STATUS_FILE, CellStatus.serializer(), what, problems, true)
        if (status != null && status.cellId != id) problems += "$what: status.json names cell '${status.cellId}'"
        val done = status?.state == CellState.DONE
        val summary = readJson(dir, CellRecordWriter.SUMMARY_FILE, CellSummary.serializer(), what, problems, done)
        val metrics = readFile(dir, CellRecordWriter.METRICS_FILE, what, problems, done) { MetricsTable.read(it) }
        val density = readJson(dir, CellRecordWriter.DENSITY_FILE, DensityGrid.serializer(), what, problems, false)
        val curve = readJson(dir, CellRecordWriter.DENSITY_CURVE_FILE, DensityCurve.serializer(), what, problems, false)
        val data = readJson(dir, CellRecordWriter.DATA_FILE, DataSample.serializer(), what, problems, false)
        val modelSamples = readJson(dir, CellRecordWriter.MODEL_SAMPLES_FILE, DataSample.serializer(), what, problems, false)
        val couplings = readJson(dir, CellRecordWriter.COUPLINGS_FILE, CouplingMatrices.serializer(), what, problems, false)
        return CellRun(id, dir, spec, status, summary, metrics, density, curve, data, modelSamples, couplings)
    }

    private fun <T> readJson(
        dir: Path, name: String, serializer: KSerializer<T>, what: String, problems: MutableList<String>, expected: Boolean,
    ): T? = readFile(dir, name, what, problems, expected) { RecordJson.json.decodeFromString(serializer, Files.readString(it)) }

    private fun <T> readFile(
        dir: Path, name: String, what: String, problems: MutableList<String>, expected: Boolean, read: (Path) -> T,
    ): T? {
        val path = dir.resolve(name)
        if (!path.isRegularFile()) {
            if (expected) problems += "$what: $name is missing"
            return null
        }
        return try {
            read(path)
        } catch (e: Exception) {
            problems += "$what: $name is unreadable (${e.message?.lineSequence()?.firstOrNull() ?: e.javaClass.simpleName})"
            null
        }
    }
}
