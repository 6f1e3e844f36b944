package org.ebmworkbench.reports.records

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** Life-cycle state of one grid cell, serialised in lower case. */
@Serializable
enum class CellState {
    @SerialName("pending") PENDING,
    @SerialName("running") RUNNING,
    @SerialName("done") DONE,
    @SerialName("failed") FAILED,
    @SerialName("diverged") DIVERGED,
    @SerialName("interrupted") INTERRUPTED,
}

/**
 * Content of `status.json`: where a cell is, and the environment it ran in. Rewritten (atomically) as
 * the cell progresses. Timestamps are ISO-8601 strings; [wallSeconds] is the training wall time so far.
 * [dataset], [method] (the row label of the cell's setting, e.g. `ed t=1`) and [variant] (axis → value label of
 * the grid, e.g. `method → ed, t → 1`) place the cell in the comparison even when it never finished.
 *
 * [step] is the last optimiser step the cell completed; for a diverged cell, its first step with a non-finite loss.
 * [checkpoints] maps each checkpoint file of a finished cell (relative to its folder) to its size in bytes, so that a
 * rerun can tell a complete cell from a damaged one. [nonFinite] gives, for each final metric written as `null` in
 * summary.json, why: `NaN`, `Infinity`, `-Infinity`, or that it was not evaluated.
 * [slurm] is set when the cell runs as a Slurm array task (null for local cells). [warnings] are all warnings in
 * words; [metricWarnings] those that cast doubt on one final metric, which the comparison marks on that number.
 */
@Serializable
data class CellStatus(
    val cellId: String,
    val experiment: String,
    val state: CellState,
    val step: Long = 0,
    val totalSteps: Long = 0,
    val error: String? = null,
    val divergedAtStep: Long? = null,
    val startedAt: String? = null,
    val updatedAt: String? = null,
    val wallSeconds: Double = 0.0,
    val seed: Long = 0,
    val dataset: String? = null,
    val method: String? = null,
    val variant: Map<String, String> = emptyMap(),
    val device: String? = null,
    val host: String? = null,
    val gitCommit: String? = null,
    val versions: Map<String, String> = emptyMap(),
    val warnings: List<String> = emptyList(),
    val checkpoints: Map<String, Long> = emptyMap(),
    val nonFinite: Map<String, String> = emptyMap(),
    val slurm: SlurmTask? = null,
    val metricWarnings: List<WarningRecord> = emptyList(),
    val machine: MachineInfo? = null,
)

/** The machine a cell ran on: its [cores] as the JVM sees them, its physical memory and its operating system. */
@Serializable
data class MachineInfo(val cores: Int, val memoryBytes: Long? = null, val os: String? = null)

/**
 * A reason to doubt the final value of [metric]: [mark] is the few words the comparison table puts on the number
 * (the same words for the same cause, so seeds can be counted by it), [text] the explanation with the measured amounts.
 */
@Serializable
data class WarningRecord(val metric: String, val mark: String, val text: String)
