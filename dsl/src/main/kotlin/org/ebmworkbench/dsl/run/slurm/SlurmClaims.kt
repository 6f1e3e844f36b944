package org.ebmworkbench.dsl.run.slurm

import org.ebmworkbench.dsl.run.CellClaims
import org.ebmworkbench.dsl.run.OwnerLiveness
import org.ebmworkbench.reports.records.RunRecords

/**
 * Claims that know Slurm tasks (for either executor, so that a local rerun also leaves queued cells to their tasks):
 * a claim held by a task is live while `squeue` lists the task as queued or running; when it is not, the task's end
 * is recorded ([SlurmOutcome]) before the cell is taken over and run again.
 */
fun slurmAwareClaims(slurm: SlurmCli = SlurmCli()): CellClaims = CellClaims(
    liveness = OwnerLiveness(slurmTaskLive = { slurm.isLive(it) }),
    onDeadOwner = { dir, claim ->
        val job = claim.owner.slurmJob
        if (job != null && SlurmOutcome.isOpen(RunRecords.readStatus(dir))) {
            val tasks = slurm.tasks(job.substringBefore('_'))
            SlurmOutcome.record(dir, tasks?.get(job.substringAfter('_').toIntOrNull()), arrayListed = !tasks.isNullOrEmpty())
        }
    },
)
