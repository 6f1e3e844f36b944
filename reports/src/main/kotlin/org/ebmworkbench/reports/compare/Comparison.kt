package org.ebmworkbench.reports.compare

import org.ebmworkbench.reports.records.ExperimentRun
import org.ebmworkbench.reports.stats.Bootstrap
import org.ebmworkbench.reports.stats.Interval
import org.ebmworkbench.reports.stats.SampleStats
import org.ebmworkbench.reports.stats.Welch
import org.ebmworkbench.reports.stats.WelchResult

/** Which way a metric improves; null (not ranked) for metrics it does not know. */
enum class Direction { HIGHER, LOWER;
    companion object {
        /** `test_ll*` (log-likelihoods) higher is better; `mse_log_density`, `mmd` and `loss` lower is better. */
        fun of(metric: String): Direction? = when {
            metric.startsWith("test_ll") -> HIGHER
            metric == "mse_log_density" || metric == "mmd" || metric == "loss" -> LOWER
            else -> null
        }
    }
}

/** A column of the comparison: one metric on one dataset, with the dataset's known optimum for log-likelihoods. */
class Column(val dataset: String, val metric: String, val direction: Direction?, val optimum: Double?)

/**
 * How the seeds of one (setting, dataset) ended for one metric: [finite] seeds enter the statistics; [nonFinite]
 * finished with a NaN/±Inf value; [notMeasured] finished without this metric in their summary; [notStarted] is how
 * many of the [expected] seeds have no cell directory at all.
 */
class Counts(
    val expected: Int, val finite: Int, val nonFinite: Int, val notMeasured: Int,
    val diverged: Int, val failed: Int, val incomplete: Int, val notStarted: Int,
)

/**
 * One entry of the table. [stats] is null when no seed has a finite value; [ci] only from [Bootstrap.MIN_N] values.
 * [test] is Welch's test against the column's best entry, and [indistinguishable] its verdict (p ≥ [Comparison.ALPHA]);
 * both null for the best entry itself and when either side has fewer than two values.
 */
class Entry(
    val row: Row, val column: Column, val group: CellGroup?, val stats: SampleStats?, val ci: Interval?, val counts: Counts,
    val best: Boolean, val test: WelchResult?,
) {
    val indistinguishable: Boolean? get() = test?.let { it.pValue >= Comparison.ALPHA }
}

/** The comparison table of an experiment: settings as rows, datasets × metrics as columns. */
class Comparison(val grouping: Grouping, val metrics: List<String>, val columns: List<Column>, private val entries: Map<Pair<String, Int>, Entry>) {
    val rows: List<Row> get() = grouping.rows

    fun entry(row: Row, columnIndex: Int): Entry = entries.getValue(row.label to columnIndex)

    /** Every entry, row-major (rows in order, then columns in order). */
    fun allEntries(): List<Entry> = rows.flatMap { r -> columns.indices.map { entry(r, it) } }

    companion object {
        const val ALPHA = 0.05

        fun of(run: ExperimentRun): Comparison {
            val grouping = Grouping.of(run)
            val metrics = (run.cells.flatMap { it.summary?.metrics?.keys.orEmpty() } +
                grouping.spec.variants.flatMap { v -> v.metrics.mapNotNull { SpecView.string(it, "type") } }).distinct()
            val optimum = run.cells.mapNotNull { c -> c.summary?.let { s -> s.optimalLogLikelihood?.let { s.dataset to it } } }.toMap()
            val columns = grouping.datasets.flatMap { d ->
                metrics.map { m -> Column(d, m, Direction.of(m), optimum[d].takeIf { m.startsWith("test_ll") }) }
            }
            val entries = HashMap<Pair<String, Int>, Entry>()
            columns.forEachIndexed { j, column ->
                val raw = grouping.rows.map { row -> row to grouping.group(row.label, column.dataset) }
                val stats = raw.map { (_, g) -> g?.let { finiteValues(it, column.metric) }?.takeIf { it.isNotEmpty() }?.let(SampleStats::of) }
                val bestIndex = bestIndex(stats, column.direction)
                raw.forEachIndexed { i, (row, group) ->
                    val s = stats[i]
                    val test = if (bestIndex == null || i == bestIndex || s == null) null else Welch.test(s, stats[bestIndex]!!)
                    val ci = s?.takeIf { it.n >= Bootstrap.MIN_N }?.let { Bootstrap.meanInterval(it.values) }
                    entries[row.label to j] = Entry(row, column, group, s, ci, counts(group, column.metric, grouping.expectedSeeds), i == bestIndex, test)
                }
            }
            return Comparison(grouping, metrics, columns, entries)
        }

        private fun doneValues(group: CellGroup, metric: String): List<Double> =
            group.runs.filter { it.outcome == Outcome.DONE }.mapNotNull { it.cell.summary?.metrics?.get(metric) }

        private fun finiteValues(group: CellGroup, metric: String): List<Double> = doneValues(group, metric).filter { it.isFinite() }

        private fun bestIndex(stats: List<SampleStats?>, direction: Direction?): Int? {
            direction ?: return null
            val candidates = stats.withIndex().filter { it.value != null }
            val best = when (direction) {
                Direction.HIGHER -> candidates.maxByOrNull { it.value!!.mean }
                Direction.LOWER -> candidates.minByOrNull { it.value!!.mean }
            }
            return best?.index
        }

        private fun counts(group: CellGroup?, metric: String, expectedSeeds: Int?): Counts {
            val present = group?.runs?.size ?: 0
            val expected = maxOf(expectedSeeds ?: present, present)
            if (group == null) return Counts(expected, 0, 0, 0, 0, 0, 0, expected)
            val done = doneValues(group, metric)
            return Counts(
                expected, done.count { it.isFinite() }, done.count { !it.isFinite() }, group.count(Outcome.DONE) - done.size,
                group.count(Outcome.DIVERGED),
                group.count(Outcome.FAILED), group.count(Outcome.INCOMPLETE), expected - present,
            )
        }
    }
}
