package org.ebmworkbench.reports.compare

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.longOrNull

/** A dataset of the experiment spec: its label in cells (as the dsl names it) and its spec object. */
class SpecDataset(val label: String?, val json: JsonObject)

/** A setting ("variant") of the experiment spec: its row label, grid labels and metric specs. */
class SpecVariant(val label: String?, val labels: Map<String, String>, val metrics: List<JsonObject>)

/**
 * A read-only, best-effort view of the experiment spec that `experiment.json` carries as opaque JSON (`name`,
 * `datasets`, `seeds`, `variants[i].labels/objective/metrics`). Reports use it to know the full grid (so a partial
 * run can say what has not started) and the evaluation protocol. Anything it cannot read is simply absent.
 *
 * Labels mirror the dsl's conventions: a toy dataset is labelled by its `kind`, a CSV file by its file name without
 * extension; a setting by its `method` label (else its objective's `type`) followed by `name=value` for each other
 * grid label, space-separated.
 */
class SpecView(val seeds: List<Long>?, val datasets: List<SpecDataset>, val variants: List<SpecVariant>) {
    /** datasets × settings × seeds, when all three are known. */
    val expectedCells: Int?
        get() = seeds?.let { s -> if (datasets.isEmpty() || variants.isEmpty()) null else datasets.size * variants.size * s.size }

    companion object {
        val EMPTY = SpecView(null, emptyList(), emptyList())

        fun of(spec: JsonElement?): SpecView {
            val root = spec as? JsonObject ?: return EMPTY
            val seeds = (root["seeds"] as? JsonArray)?.mapNotNull { (it as? JsonPrimitive)?.longOrNull }
            val datasets = (root["datasets"] as? JsonArray).orEmpty().filterIsInstance<JsonObject>()
                .map { SpecDataset(datasetLabel(it), it) }
            val variants = (root["variants"] as? JsonArray).orEmpty().filterIsInstance<JsonObject>().map { v ->
                val labels = (v["labels"] as? JsonObject).orEmpty().mapValues { (_, e) -> (e as? JsonPrimitive)?.content.orEmpty() }
                val metrics = (v["metrics"] as? JsonArray).orEmpty().filterIsInstance<JsonObject>()
                SpecVariant(variantLabel(labels, string(v["objective"], "type")), labels, metrics)
            }
            return SpecView(seeds, datasets, variants)
        }

        private fun datasetLabel(d: JsonObject): String? = when (string(d, "type")) {
            "toy" -> string(d, "kind")
            "csv" -> string(d, "path")?.substringAfterLast('/')?.substringAfterLast('\\')?.substringBeforeLast('.')
            else -> string(d, "label") ?: string(d, "kind")
        }

        private fun variantLabel(labels: Map<String, String>, objectiveType: String?): String? {
            val method = labels["method"] ?: objectiveType ?: return null
            return (listOf(method) + labels.filterKeys { it != "method" }.map { (k, v) -> "$k=$v" }).joinToString(" ")
        }

        internal fun string(element: JsonElement?, key: String): String? =
            ((element as? JsonObject)?.get(key) as? JsonPrimitive)?.takeIf { it.isString }?.content
    }
}
