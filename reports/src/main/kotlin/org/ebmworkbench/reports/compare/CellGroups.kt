package org.ebmworkbench.reports.compare

import org.ebmworkbench.reports.records.CellRun
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.ExperimentRun
import org.ebmworkbench.reports.records.GridLayout

/** How a seed (one cell) ended, as far as the comparison is concerned. */
enum class Outcome {
    /** Training ended normally and summary.json holds its final metrics. */
    DONE,
    DIVERGED,
    FAILED,

    /** Pending, running, interrupted, or done without a readable summary: no final numbers yet. */
    INCOMPLETE,
}

/** One cell placed in the comparison: its seed, its outcome and, for failed or diverged cells, why. */
class SeedRun(val cell: CellRun, val seed: Long?, val outcome: Outcome) {
    /** The error of a failed cell, or where (and why) a diverged one diverged; null otherwise. */
    val reason: String?
        get() {
            val s = cell.status ?: return null
            return when (outcome) {
                Outcome.FAILED -> s.error ?: "failed (no error message recorded)"
                Outcome.DIVERGED -> "diverged at step ${s.divergedAtStep ?: s.step}" + (s.error?.let { ": $it" } ?: "")
                else -> null
            }
        }
}

/** A table row: the setting's label and its grid labels (axis → value). */
class Row(val label: String, val variant: Map<String, String>)

/** The cells of one setting on one dataset, one per seed. */
class CellGroup(val row: Row, val dataset: String, val runs: List<SeedRun>) {
    fun count(outcome: Outcome): Int = runs.count { it.outcome == outcome }
    val problems: List<SeedRun> get() = runs.filter { it.outcome == Outcome.DIVERGED || it.outcome == Outcome.FAILED }
}

/**
 * The cells of an experiment grouped by (setting, dataset). A cell is placed by the labels of its status.json
 * (falling back to summary.json), so failed cells, which have no summary, are counted too. Rows and datasets are in
 * order of first appearance among the cells (the order of `experiment.json`'s cell ids), followed by those of the
 * grid's [layout] that no cell has reached yet. [unplaced] are cells that name neither their dataset nor their
 * setting. [expectedSeeds] is the number of seeds per group the grid asks for, when known.
 */
class Grouping(
    val rows: List<Row>,
    val datasets: List<String>,
    private val groups: Map<Pair<String, String>, CellGroup>,
    val unplaced: List<CellRun>,
    val expectedSeeds: Int?,
    val layout: GridLayout?,
) {
    fun group(row: String, dataset: String): CellGroup? = groups[row to dataset]
    val allGroups: Collection<CellGroup> get() = groups.values

    companion object {
        fun of(run: ExperimentRun): Grouping {
            val layout = run.record?.layout
            val rows = LinkedHashMap<String, Row>()
            val datasets = LinkedHashSet<String>()
            val members = LinkedHashMap<Pair<String, String>, MutableList<SeedRun>>()
            val unplaced = mutableListOf<CellRun>()
            for (cell in run.cells) {
                val method = cell.status?.method ?: cell.summary?.method
                val dataset = cell.status?.dataset ?: cell.summary?.dataset
                if (method == null || dataset == null) {
                    unplaced += cell
                    continue
                }
                val variant = cell.status?.variant?.takeIf { it.isNotEmpty() } ?: cell.summary?.variant.orEmpty()
                rows.getOrPut(method) { Row(method, variant) }
                datasets += dataset
                members.getOrPut(method to dataset) { mutableListOf() } += SeedRun(cell, cell.status?.seed ?: cell.summary?.seed, outcome(cell))
            }
            layout?.settings?.forEach { s -> rows.getOrPut(s.label) { Row(s.label, s.labels) } }
            layout?.datasets?.forEach { d -> datasets += d.label }
            val groups = members.mapValues { (key, runs) -> CellGroup(rows.getValue(key.first), key.second, runs.sortedBy { it.seed ?: Long.MAX_VALUE }) }
            return Grouping(rows.values.toList(), datasets.toList(), groups, unplaced, layout?.seeds?.size, layout)
        }

        fun outcome(cell: CellRun): Outcome = when (cell.status?.state) {
            CellState.DONE -> if (cell.summary != null) Outcome.DONE else Outcome.INCOMPLETE
            CellState.DIVERGED -> Outcome.DIVERGED
            CellState.FAILED -> Outcome.FAILED
            null -> if (cell.summary != null) Outcome.DONE else Outcome.INCOMPLETE
            else -> Outcome.INCOMPLETE
        }
    }
}
