package org.ebmworkbench.dsl.run

import org.ebmworkbench.dsl.spec.CellSpec
import org.ebmworkbench.reports.records.CellStatus
import java.nio.file.Path

/** One cell to run: its spec, its directory (`runs/<experiment>/<cell-id>`), and the script's folder for CSV paths. */
data class CellJob(val spec: CellSpec, val dir: Path, val scriptDir: Path?)

/** Told when cells start and end; called from the executor's threads. */
interface ExecutionListener {
    fun cellStarted(job: CellJob) {}

    fun cellFinished(job: CellJob, status: CellStatus) {}
}

/**
 * Decides where and how the cells of a grid run ([InProcessExecutor]: one after another in this JVM;
 * [LocalExecutor]: each in its own JVM, several at once). Every cell records its own outcome under its directory;
 * an executor never throws for a failing cell.
 */
interface Executor {
    /**
     * Runs [jobs] and returns the final status of each that ran, in the order of [jobs]; cells not started because
     * the run was stopped are left out (their directories hold nothing new).
     */
    fun run(jobs: List<CellJob>, listener: ExecutionListener): List<CellStatus>

    /**
     * Asks the running cells to stop (each records itself as interrupted) and starts no new one; cells not started yet
     * keep their `pending` status. Idempotent. Returns how many running cells it stopped.
     */
    fun stop(): Int
}
