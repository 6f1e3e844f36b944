package org.ebmworkbench.reports.records

import kotlinx.serialization.Serializable

/**
 * The Slurm array task a cell ran (or waits) as, in its `status.json`: `sbatch` job [arrayJobId], index [taskId]
 * (`scancel <arrayJobId>_<taskId>` stops it). [state] and [reason] are Slurm's own words (`PENDING`/`Resources`,
 * `CANCELLED`, `TIMEOUT`, `NODE_FAIL`, …) as last seen by the runner. The three timestamps (ISO-8601) measure what
 * the scheduler adds to a cell: [submittedAt] to [taskStartedAt] (written by the task's first shell line), and the
 * cell's last status update to [endSeenAt] (when the runner saw the record).
 */
@Serializable
data class SlurmTask(
    val arrayJobId: String,
    val taskId: Int,
    val state: String? = null,
    val reason: String? = null,
    val submittedAt: String? = null,
    val taskStartedAt: String? = null,
    val endSeenAt: String? = null,
) {
    /** The id Slurm's commands take for this task, e.g. `42_3`. */
    val jobId: String get() = "${arrayJobId}_$taskId"
}
