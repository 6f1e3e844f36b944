package org.ebmworkbench.reports.tensorboard

import com.google.protobuf.Value
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.CellSummary
import org.ebmworkbench.reports.records.MetricsCsv
import org.ebmworkbench.reports.tensorboard.proto.DataClass
import org.ebmworkbench.reports.tensorboard.proto.DataType
import org.ebmworkbench.reports.tensorboard.proto.Event
import org.ebmworkbench.reports.tensorboard.proto.HParamsPluginData
import org.ebmworkbench.reports.tensorboard.proto.SessionEndInfo
import org.ebmworkbench.reports.tensorboard.proto.SessionStartInfo
import org.ebmworkbench.reports.tensorboard.proto.Status
import org.ebmworkbench.reports.tensorboard.proto.Summary
import org.ebmworkbench.reports.tensorboard.proto.SummaryMetadata
import org.ebmworkbench.reports.tensorboard.proto.TensorProto
import org.ebmworkbench.reports.tensorboard.proto.TensorShapeProto

/**
 * The events of one cell's TensorBoard run, in file order: [fileVersion]; [sessionStart] (the cell's settings for the
 * HParams table); one [row] event per metrics.csv row; and at the end [finalMetrics] and [sessionEnd]. Wall times are
 * the cell's start (seconds since the epoch) plus the row's `wall_seconds`.
 */
object CellEvents {
    /** The version every event file starts with; TensorBoard reads files whose first event carries it. */
    const val FILE_VERSION = "brain.Event:2"
    const val HPARAMS_PLUGIN = "hparams"
    const val SESSION_START_TAG = "_hparams_/session_start_info"
    const val SESSION_END_TAG = "_hparams_/session_end_info"

    /** Prefix of the tags of summary.json's final metrics, apart from the curves of the same metrics. */
    const val FINAL_TAG_PREFIX = "final/"

    // The HParams plugin reads version 0 of its data, with a rank-0 float tensor beside each of its records.
    private const val HPARAMS_DATA_VERSION = 0
    private val NULL_TENSOR: TensorProto = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
        .setTensorShape(TensorShapeProto.getDefaultInstance()).addFloatVal(0f).build()

    fun fileVersion(wallTime: Double): Event = Event.newBuilder().setWallTime(wallTime).setFileVersion(FILE_VERSION).build()

    /** The HParams session of the cell: its settings ([hparams]) and start time. */
    fun sessionStart(status: CellStatus, startSeconds: Double): Event {
        val info = SessionStartInfo.newBuilder().putAllHparams(hparams(status)).setStartTimeSecs(startSeconds)
        return hparamsEvent(startSeconds, SESSION_START_TAG,
            HParamsPluginData.newBuilder().setVersion(HPARAMS_DATA_VERSION).setSessionStartInfo(info))
    }

    /**
     * The cell's settings: the dataset label, the seed, the row label of its setting as `method` when no grid axis
     * is called that, and its grid labels (axis → value). A label that reads as a number is written as one, so the
     * table sorts and filters it numerically.
     */
    fun hparams(status: CellStatus): Map<String, Value> {
        val labels = linkedMapOf<String, Value>()
        status.dataset?.let { labels["dataset"] = label(it) }
        labels["seed"] = Value.newBuilder().setNumberValue(status.seed.toDouble()).build()
        status.method?.takeIf { "method" !in status.variant }?.let { labels["method"] = label(it) }
        status.variant.forEach { (axis, value) -> labels[axis] = label(value) }
        return labels
    }

    /**
     * One metrics.csv [row] (aligned with [columns], which start with `step` and `wall_seconds`) as scalars at its
     * step. A field that is null was not measured at that step and is left out (a NaN was measured and is kept); a row
     * with nothing measured gives no event.
     */
    fun row(columns: List<String>, row: List<Double?>, startSeconds: Double): Event? {
        val step = row[columns.indexOf(MetricsCsv.STEP)] ?: return null
        val wall = row[columns.indexOf(MetricsCsv.WALL_SECONDS)] ?: 0.0
        val values = columns.indices.filter { columns[it] != MetricsCsv.STEP && columns[it] != MetricsCsv.WALL_SECONDS }
            .mapNotNull { j -> row[j]?.let { columns[j] to it } }
        return scalars(step.toLong(), startSeconds + wall, values)
    }

    /**
     * summary.json's metrics of a finished cell as scalars tagged `final/<metric>` at its final step; null for a cell
     * that did not finish (its metrics were not evaluated). A non-finite value, stored as null in summary.json, comes
     * back as the NaN or infinity that [CellStatus.nonFinite] names.
     */
    fun finalMetrics(status: CellStatus, summary: CellSummary?, startSeconds: Double): Event? {
        if (status.state != CellState.DONE || summary == null) return null
        val values = summary.metrics.map { (name, value) ->
            FINAL_TAG_PREFIX + name to (if (value.isNaN()) nonFinite(status.nonFinite[name]) else value)
        }
        return scalars(summary.finalStep, startSeconds + summary.wallSeconds, values)
    }

    /** The end of the HParams session, or null while the cell has not ended. */
    fun sessionEnd(status: CellStatus, startSeconds: Double): Event? {
        val state = when (status.state) {
            CellState.DONE -> Status.STATUS_SUCCESS
            CellState.FAILED, CellState.DIVERGED -> Status.STATUS_FAILURE
            CellState.INTERRUPTED -> Status.STATUS_UNKNOWN
            CellState.PENDING, CellState.RUNNING -> return null
        }
        val end = status.updatedAt?.let { TensorBoardFiles.epochSeconds(it) } ?: (startSeconds + status.wallSeconds)
        val info = SessionEndInfo.newBuilder().setStatus(state).setEndTimeSecs(end)
        return hparamsEvent(end, SESSION_END_TAG,
            HParamsPluginData.newBuilder().setVersion(HPARAMS_DATA_VERSION).setSessionEndInfo(info))
    }

    private fun scalars(step: Long, wallTime: Double, values: List<Pair<String, Double>>): Event? {
        if (values.isEmpty()) return null
        val summary = Summary.newBuilder()
        values.forEach { (tag, v) -> summary.addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue(v.toFloat())) }
        return Event.newBuilder().setWallTime(wallTime).setStep(step).setSummary(summary).build()
    }

    private fun hparamsEvent(wallTime: Double, tag: String, data: HParamsPluginData.Builder): Event {
        val metadata = SummaryMetadata.newBuilder().setDataClass(DataClass.DATA_CLASS_TENSOR).setPluginData(
            SummaryMetadata.PluginData.newBuilder().setPluginName(HPARAMS_PLUGIN).setContent(data.build().toByteString()),
        )
        val value = Summary.Value.newBuilder().setTag(tag).setMetadata(metadata).setTensor(NULL_TENSOR)
        return Event.newBuilder().setWallTime(wallTime).setSummary(Summary.newBuilder().addValue(value)).build()
    }

    private fun label(text: String): Value = text.toDoubleOrNull()?.takeIf { it.isFinite() }
        ?.let { Value.newBuilder().setNumberValue(it).build() }
        ?: Value.newBuilder().setStringValue(text).build()

    private fun nonFinite(reason: String?): Double = when (reason) {
        "Infinity" -> Double.POSITIVE_INFINITY
        "-Infinity" -> Double.NEGATIVE_INFINITY
        else -> Double.NaN
    }
}
