package org.ebmworkbench.reports.compare

import org.ebmworkbench.reports.records.Direction
import org.ebmworkbench.reports.records.ExperimentRun
import org.ebmworkbench.reports.records.MetricInfo
import org.ebmworkbench.reports.records.MetricReference
import org.ebmworkbench.reports.stats.Bootstrap
import org.ebmworkbench.reports.stats.Interval
import org.ebmworkbench.reports.stats.SampleStats
import org.ebmworkbench.reports.stats.Welch
import org.ebmworkbench.reports.stats.WelchResult

/**
 * A column of the comparison: one metric on one dataset, ranked in the [direction] the metric declares (null: a
 * metric no record declares, not ranked), with the dataset's known optimum for log-likelihood metrics and the
 * dataset's [reference] value for this metric when the layout declares one.
 */
class Column(
    val dataset: String, val metric: String, val direction: Direction?, val optimum: Double?,
    val reference: MetricReference? = null,
)

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
 * A warning carried by [seeds] of the [of] seeds whose value enters an entry's mean, with its [mark] (e.g. "box
 * misses mass") and each seed's explanation ([texts]).
 */
class Mark(val mark: String, val seeds: Int, val of: Int, val texts: List<String>) {
    /** `⚠ 3/3 seeds: box misses mass`. */
    val label: String get() = "⚠ $seeds/$of seed${if (of == 1) "" else "s"}: $mark"
}

/**
 * One entry of the table. [stats] is null when no seed has a finite value; [ci] only from [Bootstrap.MIN_N] values.
 * [test] is Welch's test against the column's best entry, and [indistinguishable] its verdict (p ≥ [Comparison.ALPHA]);
 * both null for the best entry itself and when either side has fewer than two values. [marks] are the warnings its
 * seeds recorded for this metric; [impossible] says why the mean cannot be right, when it lies above the dataset's
 * optimum by more than its standard error.
 */
class Entry(
    val row: Row, val column: Column, val group: CellGroup?, val stats: SampleStats?, val ci: Interval?, val counts: Counts,
    val best: Boolean, val test: WelchResult?, val marks: List<Mark> = emptyList(), val impossible: String? = null,
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
            val declared: Map<String, MetricInfo> = grouping.layout?.metrics.orEmpty()
            val metrics = (run.cells.flatMap { it.summary?.metrics?.keys.orEmpty() } + declared.keys).distinct()
            val optimum = grouping.layout?.datasets.orEmpty().mapNotNull { d -> d.optimalLogLikelihood?.let { d.label to it } }.toMap() +
                run.cells.mapNotNull { c -> c.summary?.let { s -> s.optimalLogLikelihood?.let { s.dataset to it } } }.toMap()
            val references = grouping.layout?.datasets.orEmpty().associate { it.label to it.references }
            val columns = grouping.datasets.flatMap { d ->
                metrics.map { m ->
                    Column(d, m, declared[m]?.direction, optimum[d].takeIf { declared[m]?.logLikelihood == true }, references[d]?.get(m))
                }
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
                    val marks = group?.let { marks(it, column.metric) }.orEmpty()
                    entries[row.label to j] = Entry(
                        row, column, group, s, ci, counts(group, column.metric, grouping.expectedSeeds), i == bestIndex, test,
                        marks, s?.let { impossible(it, column, marks) },
                    )
                }
            }
            return Comparison(grouping, metrics, columns, entries)
        }

        private fun doneValues(group: CellGroup, metric: String): List<Double> =
            group.runs.filter { it.outcome == Outcome.DONE }.mapNotNull { it.cell.summary?.metrics?.get(metric) }

        private fun finiteValues(group: CellGroup, metric: String): List<Double> = doneValues(group, metric).filter { it.isFinite() }

        /** The warnings on [metric] of the seeds whose value enters the mean, counted by mark. */
        private fun marks(group: CellGroup, metric: String): List<Mark> {
            val counted = group.runs.filter { r ->
                r.outcome == Outcome.DONE && r.cell.summary?.metrics?.get(metric)?.isFinite() == true
            }
            val warned = counted.flatMap { r -> r.cell.status?.metricWarnings.orEmpty().filter { it.metric == metric }.map { r to it } }
            return warned.groupBy { it.second.mark }.map { (mark, hits) ->
                Mark(mark, hits.map { it.first }.distinct().size, counted.size, hits.map { it.second.text })
            }
        }

        /**
         * Why a mean above the dataset's optimum by more than its standard error cannot be right, or null. An exact
         * expected log-likelihood never exceeds the optimum; from two seeds on, the standard error covers the
         * test-set noise, so what is left is an estimator biased upwards.
         */
        private fun impossible(stats: SampleStats, column: Column, marks: List<Mark>): String? {
            val optimum = column.optimum ?: return null
            if (column.direction != Direction.HIGHER || stats.n < 2) return null
            val se = stats.std / Math.sqrt(stats.n.toDouble())
            if (!(stats.mean - optimum > se)) return null
            val cause = if (marks.isNotEmpty()) "likely cause: ${marks.joinToString { it.mark }}"
            else "likely cause: an estimate biased upwards (a grid box that misses mass, or log Z by importance " +
                "sampling, which Jensen's inequality biases low)"
            return "impossible: the mean lies %.4f above the optimum %.4f, more than its standard error %.4f; %s"
                .format(java.util.Locale.ROOT, stats.mean - optimum, optimum, se, cause)
        }

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
