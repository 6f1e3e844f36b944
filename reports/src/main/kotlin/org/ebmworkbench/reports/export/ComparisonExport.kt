package org.ebmworkbench.reports.export

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import org.ebmworkbench.reports.compare.Comparison
import org.ebmworkbench.reports.compare.Entry
import org.ebmworkbench.reports.stats.Bootstrap

/**
 * The comparison table as data, in long ("tidy") form: one record per (method, dataset, metric), in the table's
 * order (rows, then datasets, then metrics). Fields, in [COLUMNS] order: the setting's label, dataset, metric,
 * `direction` (`higher`/`lower` is better, empty if not ranked), `n` (seeds with a finite value), `seeds_expected`,
 * `mean`, `std` (sample, n − 1), `ci_low`/`ci_high` (percentile bootstrap of the mean, only for n ≥ 5),
 * `nonfinite`, `not_measured`, `diverged`, `failed`, `incomplete` (pending/running/interrupted), `not_started`,
 * `best`, `indistinguishable` (Welch p ≥ 0.05 against the best; empty/null when not tested), `p_value`, and
 * `optimum` (ground-truth optimal log-likelihood, log-likelihood metrics only), `reference` and `reference_label` (the
 * dataset's declared reference value for the metric and what it is, e.g. `Ĵ = 0`), and `warnings` (the entry's marks as
 * in the table, `⚠ 3/3 seeds: box misses mass`, and `impossible: …` for a mean above the optimum, `; `-separated;
 * empty when none). A missing number is an empty CSV field and a JSON null. The JSON adds the setting's grid labels
 * (`variant`), each failed or diverged seed with its reason (`problems`), each seed's warning texts
 * (`warning_texts`), and the statistical protocol.
 */
object ComparisonExport {
    val COLUMNS = listOf(
        "method", "dataset", "metric", "direction", "n", "seeds_expected", "mean", "std", "ci_low", "ci_high",
        "nonfinite", "not_measured", "diverged", "failed", "incomplete", "not_started", "best", "indistinguishable",
        "p_value", "optimum", "reference", "reference_label", "warnings",
    )
    private val json = Json { prettyPrint = true }

    /** RFC 4180 CSV with a header line; labels are written as they are, quoted when they hold `,`, `"` or a line break. */
    fun csv(comparison: Comparison): String = buildString {
        append(COLUMNS.joinToString(",")).append("\r\n")
        for (entry in comparison.allEntries()) {
            append(fields(entry).joinToString(",") { v -> csvField(v) }).append("\r\n")
        }
    }

    fun json(comparison: Comparison, experiment: String): String = json.encodeToString(JsonElement.serializer(), buildJsonObject {
        put("experiment", experiment)
        put("layout", "long: one record per (method, dataset, metric)")
        put("alpha", Comparison.ALPHA)
        put("bootstrap", buildJsonObject {
            put("method", "percentile bootstrap of the mean"); put("level", Bootstrap.LEVEL)
            put("resamples", Bootstrap.RESAMPLES); put("seed", Bootstrap.SEED); put("minN", Bootstrap.MIN_N)
        })
        put("rows", JsonArray(comparison.allEntries().map(::record)))
    })

    private fun record(entry: Entry): JsonObject = buildJsonObject {
        COLUMNS.zip(fields(entry)).forEach { (k, v) -> put(k, jsonValue(v)) }
        put("variant", JsonObject(entry.row.variant.mapValues { JsonPrimitive(it.value) }))
        put("warning_texts", JsonArray(entry.marks.flatMap { it.texts }.distinct().map(::JsonPrimitive)))
        put("problems", buildJsonArray {
            entry.group?.problems.orEmpty().forEach { r ->
                add(buildJsonObject {
                    put("cell", r.cell.id); put("seed", r.seed?.let(::JsonPrimitive) ?: JsonNull)
                    put("state", r.outcome.name.lowercase()); put("reason", r.reason)
                })
            }
        })
    }

    /** The values of one record, aligned with [COLUMNS]: String, Int, Double, Boolean or null. */
    private fun fields(e: Entry): List<Any?> {
        val c = e.counts
        return listOf(
            e.row.label, e.column.dataset, e.column.metric, e.column.direction?.name?.lowercase(), c.finite, c.expected,
            e.stats?.mean, e.stats?.std?.takeIf { it.isFinite() }, e.ci?.low, e.ci?.high,
            c.nonFinite, c.notMeasured, c.diverged, c.failed, c.incomplete, c.notStarted, e.best, e.indistinguishable,
            e.test?.pValue, e.column.optimum, e.column.reference?.value, e.column.reference?.label,
            (e.marks.map { it.label } + listOfNotNull(e.impossible)).joinToString("; ").ifEmpty { null },
        )
    }

    private fun csvField(v: Any?): String {
        val s = v?.toString() ?: return ""
        return if (s.any { it == ',' || it == '"' || it == '\n' || it == '\r' }) "\"" + s.replace("\"", "\"\"") + "\"" else s
    }

    private fun jsonValue(v: Any?): JsonElement = when (v) {
        null -> JsonNull
        is String -> JsonPrimitive(v)
        is Boolean -> JsonPrimitive(v)
        is Double -> if (v.isFinite()) JsonPrimitive(v) else JsonNull
        is Number -> JsonPrimitive(v)
        else -> JsonPrimitive(v.toString())
    }
}
