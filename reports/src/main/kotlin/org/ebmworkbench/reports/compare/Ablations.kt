package org.ebmworkbench.reports.compare

/** A point of an ablation line: the varied parameter's value and the comparison entry measured there. */
class AblationPoint(val x: Double, val entry: Entry)

/** One line: the settings that differ only in the varied parameter, labelled by everything else. */
class AblationLine(val label: String, val points: List<AblationPoint>)

/** [metric] on [dataset] against the grid axis [axis]; [logX] when the values are positive and span over 2 decades. */
class AblationPlot(val axis: String, val dataset: String, val metric: String, val lines: List<AblationLine>, val logX: Boolean)

/**
 * Ablation plots from the comparison: for every varied grid axis other than `method` whose values all parse as
 * numbers (and take at least two values), one plot per dataset and metric of the mean metric against the axis, one
 * line per combination of the remaining labels.
 */
object Ablations {
    fun numericAxes(rows: List<Row>): List<String> =
        rows.flatMap { it.variant.keys }.distinct().filter { it != "method" }.filter { axis ->
            val values = rows.mapNotNull { it.variant[axis] }
            values.all { it.trim().toDoubleOrNull()?.isFinite() == true } && values.distinct().size >= 2
        }

    fun plots(comparison: Comparison): List<AblationPlot> = numericAxes(comparison.rows).flatMap { axis ->
        val rows = comparison.rows.filter { axis in it.variant }
        val byLine = rows.groupBy { lineLabel(it, axis) }
        comparison.columns.withIndex().mapNotNull { (j, column) ->
            val lines = byLine.map { (label, members) ->
                val points = members.mapNotNull { row ->
                    val entry = comparison.entry(row, j)
                    entry.stats?.let { AblationPoint(row.variant.getValue(axis).trim().toDouble(), entry) }
                }.sortedBy { it.x }
                AblationLine(label, points)
            }.filter { it.points.isNotEmpty() }
            if (lines.isEmpty()) return@mapNotNull null
            val xs = rows.map { it.variant.getValue(axis).trim().toDouble() }
            val logX = xs.all { it > 0 } && xs.max() / xs.min() > 100
            AblationPlot(axis, column.dataset, column.metric, lines, logX)
        }
    }

    /**
     * The row label without ` axis=value` (the dsl's label format), e.g. `ed m=4 w=0` for `ed t=1 m=4 w=0` and axis
     * `t`; when the label does not have that form, the remaining grid labels (`method` value first, then `k=v`).
     */
    fun lineLabel(row: Row, axis: String): String {
        val token = " $axis=${row.variant[axis]}"
        val i = row.label.indexOf(token)
        if (i >= 0 && (i + token.length == row.label.length || row.label[i + token.length] == ' ')) {
            return row.label.removeRange(i, i + token.length)
        }
        val rest = row.variant.filterKeys { it != axis }
        return (listOfNotNull(rest["method"]) + rest.filterKeys { it != "method" }.map { (k, v) -> "$k=$v" })
            .joinToString(" ").ifEmpty { "all" }
    }
}
