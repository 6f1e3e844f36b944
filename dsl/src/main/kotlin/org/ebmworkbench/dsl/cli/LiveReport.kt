package org.ebmworkbench.dsl.cli

import org.ebmworkbench.dsl.run.CellJob
import org.ebmworkbench.dsl.run.ExecutionListener
import org.ebmworkbench.reports.html.HtmlReport
import org.ebmworkbench.reports.records.CellStatus
import java.nio.file.Path

/**
 * The report of a grid that is running, for `ebm run --watch`: rewritten when a cell starts or ends, and asking the
 * browser to reload it every [REFRESH_SECONDS] s, so a tab beside the editor follows the run. The final report, written
 * when the grid ends, has no reload.
 */
internal class LiveReport(private val progress: ExecutionListener, private val dir: Path) : ExecutionListener {
    override fun cellStarted(job: CellJob) {
        progress.cellStarted(job)
        write()
    }

    override fun cellFinished(job: CellJob, status: CellStatus) {
        progress.cellFinished(job, status)
        write()
    }

    // Workers end cells concurrently; one report at a time.
    @Synchronized
    private fun write() {
        HtmlReport.write(dir, REFRESH_SECONDS)
    }

    companion object {
        const val REFRESH_SECONDS = 5
    }
}
