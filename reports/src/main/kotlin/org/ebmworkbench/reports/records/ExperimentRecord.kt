package org.ebmworkbench.reports.records

import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonElement
import java.nio.file.Path

/**
 * Content of `runs/<experiment>/experiment.json`: the experiment's name, the script it came from, the ids
 * of all its grid cells (each a subdirectory), the grid's [layout] (labels, metric directions and protocols: all
 * the reports read of the experiment), the full experiment spec, which reports only show, never interpret, and the
 * script's text as it was when the grid started ([scriptSource]; null for specs built in code).
 */
@Serializable
data class ExperimentRecord(
    val name: String,
    val scriptPath: String? = null,
    val cellIds: List<String>,
    val createdAt: String,
    val spec: JsonElement,
    val layout: GridLayout? = null,
    val scriptSource: String? = null,
)

/** File name of the experiment record inside an experiment directory. */
const val EXPERIMENT_FILE = "experiment.json"

/** Writes [record] atomically to `dir/experiment.json`. */
fun writeExperimentRecord(dir: Path, record: ExperimentRecord) {
    AtomicFiles.writeText(dir.resolve(EXPERIMENT_FILE), RecordJson.json.encodeToString(ExperimentRecord.serializer(), record))
}
