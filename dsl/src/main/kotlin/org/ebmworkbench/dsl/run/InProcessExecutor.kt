package org.ebmworkbench.dsl.run

import ai.djl.Device
import org.ebmworkbench.engine.train.TrainingListener
import org.ebmworkbench.reports.records.CellStatus

/**
 * Runs the cells one after another in this JVM (for tests, notebooks and Java callers; the command line uses
 * [LocalExecutor]). [progress] may attach a training listener to each cell. [stop] interrupts the running cell, which
 * then records itself as interrupted.
 */
class InProcessExecutor(
    private val device: Device,
    private val progress: (index: Int, count: Int, job: CellJob) -> TrainingListener? = { _, _, _ -> null },
) : Executor {
    @Volatile private var stopped = false
    @Volatile private var worker: Thread? = null

    override fun run(jobs: List<CellJob>, listener: ExecutionListener): List<CellStatus> {
        val statuses = mutableListOf<CellStatus>()
        worker = Thread.currentThread()
        try {
            for ((i, job) in jobs.withIndex()) {
                if (stopped) break
                listener.cellStarted(job)
                val status = CellRunner(job.spec, job.dir, device, job.scriptDir, progress(i, jobs.size, job)).run()
                listener.cellFinished(job, status)
                statuses += status
            }
        } finally {
            worker = null
        }
        return statuses
    }

    override fun stop(): Int {
        stopped = true
        val running = worker ?: return 0
        running.interrupt()
        return 1
    }
}
