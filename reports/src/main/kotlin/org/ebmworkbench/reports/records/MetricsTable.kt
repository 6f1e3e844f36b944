package org.ebmworkbench.reports.records

import java.nio.file.Files
import java.nio.file.Path

/**
 * The parsed content of `metrics.csv`: [columns] (starting with `step` and `wall_seconds`) and one
 * [DoubleArray] per row, aligned with [columns]. Missing values are NaN. Equality compares row contents
 * (NaN equals NaN).
 */
data class MetricsTable(val columns: List<String>, val rows: List<DoubleArray>) {
    init {
        rows.forEachIndexed { i, r ->
            require(r.size == columns.size) { "row $i has ${r.size} values for ${columns.size} columns" }
        }
    }

    /** The values of column [name] in row order, or null if there is no such column. */
    fun column(name: String): DoubleArray? {
        val j = columns.indexOf(name)
        return if (j < 0) null else DoubleArray(rows.size) { rows[it][j] }
    }

    /** Metric columns: every column except the fixed `step` and `wall_seconds`. */
    val metricColumns: List<String> get() = columns.filter { it != MetricsCsv.STEP && it != MetricsCsv.WALL_SECONDS }

    override fun equals(other: Any?): Boolean =
        other is MetricsTable && columns == other.columns && rows.size == other.rows.size &&
            rows.indices.all { rows[it].contentEquals(other.rows[it]) }

    override fun hashCode(): Int = rows.fold(columns.hashCode()) { h, r -> 31 * h + r.contentHashCode() }

    override fun toString(): String = "MetricsTable(columns=$columns, rows=${rows.map { it.contentToString() }})"

    companion object {
        /** Parses CSV text in the format [MetricsCsv.format] writes (and tolerates empty fields as NaN). */
        fun parse(text: String): MetricsTable = MetricsCsv.parse(text)

        /** Reads and parses a `metrics.csv` file. */
        fun read(path: Path): MetricsTable = parse(Files.readString(path))
    }
}

/**
 * The `metrics.csv` format: a header line `step,wall_seconds,<metric>...`, then one line per evaluation.
 * `step` is an integer, other values use Java's `Double.toString` (`NaN`, `Infinity`, `-Infinity` included);
 * a metric not measured at that step is an empty field. Column names may not contain `,`, quotes or
 * line breaks, so no quoting is needed.
 */
object MetricsCsv {
    const val STEP = "step"
    const val WALL_SECONDS = "wall_seconds"

    fun checkColumnName(name: String) {
        require(name.isNotBlank() && name.none { it == ',' || it == '"' || it == '\n' || it == '\r' }) {
            "invalid metric column name '$name' (must be non-blank, without commas, quotes or line breaks)"
        }
    }

    /** Formats [rows] (values aligned with [columns]; null = missing) as CSV text. */
    fun format(columns: List<String>, rows: List<List<Double?>>): String = buildString {
        append(columns.joinToString(",")).append('\n')
        for (row in rows) {
            row.forEachIndexed { j, v ->
                if (j > 0) append(',')
                when {
                    v == null -> Unit
                    columns[j] == STEP && v.isFinite() && v == Math.rint(v) -> append(v.toLong())
                    else -> append(v.toString())
                }
            }
            append('\n')
        }
    }

    /**
     * Parses CSV text: blank lines are skipped, empty fields and short rows become NaN, surrounding
     * whitespace is ignored. A row with more fields than the header, or a field that is not a number,
     * is an error naming the line.
     */
    fun parse(text: String): MetricsTable {
        val (columns, rows) = parseFields(text)
        return MetricsTable(columns, rows.map { row -> DoubleArray(columns.size) { j -> row[j] ?: Double.NaN } })
    }

    /**
     * Parses CSV text as [parse] does, but keeps a field that was not measured (empty, or missing from a short row)
     * as null, apart from a measured `NaN`. Returns the header's columns and the rows aligned with them.
     */
    fun parseFields(text: String): Pair<List<String>, List<List<Double?>>> {
        val lines = text.lineSequence().map { it.trim() }.withIndex().filter { it.value.isNotEmpty() }.toList()
        require(lines.isNotEmpty()) { "metrics CSV is empty (no header line)" }
        val columns = lines.first().value.split(',').map { it.trim() }
        val rows = lines.drop(1).map { (index, line) ->
            val fields = line.split(',')
            require(fields.size <= columns.size) {
                "line ${index + 1}: ${fields.size} fields for ${columns.size} columns"
            }
            List(columns.size) { j ->
                val field = fields.getOrNull(j)?.trim().orEmpty()
                if (field.isEmpty()) null
                else field.toDoubleOrNull() ?: throw IllegalArgumentException(
                    "line ${index + 1}, column '${columns[j]}': '$field' is not a number"
                )
            }
        }
        return columns to rows
    }
}
