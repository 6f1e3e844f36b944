package org.ebmworkbench.reports.html

import org.ebmworkbench.reports.records.CellRecordWriter
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import java.nio.file.Path

/**
 * A partly run grid: datasets checkerboard and gaussians8 × settings `ed t=1`, `ed t=10`, `snl` × seeds 0, 1, 2.
 * On the checkerboard: `ed t=1` has two done seeds and one diverged; `ed t=10` one done, one failed, one running;
 * `snl` three done seeds (the best). Nothing has started on gaussians8. A `legacy` cell names no dataset or setting.
 * [method] replaces the `ed` label and [error] the failed cell's error (for escaping tests).
 */
object GridFixtures {
    const val NAME = "grid"
    const val OPTIMUM = -3.4657

    fun partialGrid(dir: Path, method: String = "ed", error: String = "OutOfMemoryError: out of memory: boom"): Path {
        val t1 = mapOf("method" to method, "t" to "1")
        val t10 = mapOf("method" to method, "t" to "10")
        val snl = mapOf("method" to "snl")
        val ids = listOf("checkerboard", "gaussians8").flatMap { d ->
            listOf("t1", "t10", "snl").flatMap { v -> (0..2).map { s -> "$d-$v-s$s" } }
        } + "legacy"
        ReportFixtures.gridExperiment(dir, NAME, ids, listOf("checkerboard", "gaussians8"), listOf(0, 1, 2), listOf(t1, t10, snl))
        fun cell(v: String, variant: Map<String, String>, seed: Long, state: CellState, ll: Double?, error: String? = null, at: Long? = null) =
            ReportFixtures.gridCell(
                dir, "checkerboard-$v-s$seed", NAME, "checkerboard", variant, seed, state,
                metrics = ll?.let { mapOf("test_ll_grid" to it) }, error = error, divergedAt = at, optimum = OPTIMUM, density = ll?.isFinite() == true,
            )
        cell("t1", t1, 0, CellState.DONE, -3.6)
        cell("t1", t1, 1, CellState.DONE, -3.7)
        cell("t1", t1, 2, CellState.DIVERGED, Double.NaN, "non-finite loss at step 40", 40)
        cell("t10", t10, 0, CellState.DONE, -3.55)
        cell("t10", t10, 1, CellState.FAILED, null, error)
        cell("t10", t10, 2, CellState.RUNNING, null)
        cell("snl", snl, 0, CellState.DONE, -3.5)
        cell("snl", snl, 1, CellState.DONE, -3.52)
        cell("snl", snl, 2, CellState.DONE, -3.48)
        CellRecordWriter(dir.resolve("legacy")).writeStatus(CellStatus("legacy", NAME, CellState.PENDING))
        return dir
    }
}
