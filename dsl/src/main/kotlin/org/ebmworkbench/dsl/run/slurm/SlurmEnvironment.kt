package org.ebmworkbench.dsl.run.slurm

import org.ebmworkbench.reports.records.RunRecords
import org.ebmworkbench.reports.records.SlurmTask
import java.nio.file.Path

/** What a cell learns from Slurm's environment when it runs as an array task. */
object SlurmEnvironment {
    /**
     * The array task this JVM runs as (from `SLURM_ARRAY_JOB_ID`/`SLURM_ARRAY_TASK_ID`), in state `RUNNING`, keeping
     * the submission time the runner wrote into [cellDir]'s pending status; null outside Slurm.
     */
    fun task(cellDir: Path, env: Map<String, String> = System.getenv()): SlurmTask? {
        val job = env["SLURM_ARRAY_JOB_ID"] ?: return null
        val index = env["SLURM_ARRAY_TASK_ID"]?.toIntOrNull() ?: return null
        val submitted = RunRecords.readStatus(cellDir)?.slurm?.takeIf { it.arrayJobId == job && it.taskId == index }
        return SlurmTask(job, index, state = "RUNNING", submittedAt = submitted?.submittedAt,
            taskStartedAt = env["EBM_TASK_STARTED_AT"])
    }
}
