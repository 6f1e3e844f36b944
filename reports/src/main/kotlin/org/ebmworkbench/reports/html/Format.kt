package org.ebmworkbench.reports.html

import org.ebmworkbench.reports.records.CellRun
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.ExperimentRun
import java.util.Locale

/** Number, duration and label formatting shared by the report sections. */
internal object Format {
    /** Four decimals (`-3.1416`); non-finite values spelled out so they are never mistaken for numbers. */
    fun metric(v: Double): String = when {
        v.isNaN() -> "NaN"
        v == Double.POSITIVE_INFINITY -> "+Inf"
        v == Double.NEGATIVE_INFINITY -> "-Inf"
        else -> String.format(Locale.ROOT, "%.4f", v)
    }

    /** A p-value: three significant digits, `< 1e-6` below that. */
    fun pValue(p: Double): String = if (p < 1e-6) "< 1e-6" else String.format(Locale.ROOT, "%.3g", p)

    /** Wall time: `12.3 s`, `4 m 05 s`, `1 h 02 m`. */
    fun duration(seconds: Double): String = when {
        !seconds.isFinite() -> metric(seconds)
        seconds < 60 -> String.format(Locale.ROOT, "%.1f s", seconds)
        seconds < 3600 -> String.format(Locale.ROOT, "%d m %02d s", (seconds / 60).toLong(), (seconds % 60).toLong())
        else -> String.format(Locale.ROOT, "%d h %02d m", (seconds / 3600).toLong(), ((seconds % 3600) / 60).toLong())
    }

    /** `dataset/method/seed` from the summary, else from the status when it names both; else the cell id. */
    fun cellLabel(cell: CellRun): String {
        cell.summary?.let { return "${it.dataset}/${it.method}/${it.seed}" }
        val s = cell.status
        return if (s?.dataset != null && s.method != null) "${s.dataset}/${s.method}/${s.seed}" else cell.id
    }

    /** Lower-case state name, `unknown` for null. */
    fun stateName(state: CellState?): String = state?.name?.lowercase(Locale.ROOT) ?: "unknown"

    /** Lower-case state, with the error or the divergence step for failed and diverged cells. */
    fun state(cell: CellRun): String {
        val s = cell.status ?: return "unknown (no status.json)"
        val name = stateName(s.state)
        return when (s.state) {
            CellState.DIVERGED -> "$name at step ${s.divergedAtStep ?: s.step}" + (s.error?.let { ": $it" } ?: "")
            CellState.RUNNING, CellState.INTERRUPTED -> "$name at step ${s.step}/${s.totalSteps}" + (s.error?.let { ": $it" } ?: "")
            else -> name + (s.error?.let { ": $it" } ?: "")
        }
    }

    /** The experiment's name: from experiment.json, else from any cell's status or summary. */
    fun experimentName(run: ExperimentRun): String =
        run.record?.name
            ?: run.cells.firstNotNullOfOrNull { it.status?.experiment ?: it.summary?.experiment }
            ?: "unnamed experiment"
}
