package org.ebmworkbench.reports.html

import kotlinx.html.FlowContent
import kotlinx.html.h2
import kotlinx.html.h3
import kotlinx.html.id
import kotlinx.html.p
import kotlinx.html.pre
import kotlinx.html.section
import kotlinx.html.table
import kotlinx.html.tbody
import kotlinx.html.td
import kotlinx.html.th
import kotlinx.html.thead
import kotlinx.html.tr
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import org.ebmworkbench.reports.compare.SpecDataset
import org.ebmworkbench.reports.compare.SpecView
import org.ebmworkbench.reports.records.RecordJson
import org.ebmworkbench.reports.stats.Bootstrap

private fun pretty(e: JsonElement): String = RecordJson.json.encodeToString(JsonElement.serializer(), e)
private fun withoutType(o: JsonObject) = JsonObject(o.filterKeys { it != "type" })

/**
 * The "Evaluation protocol" section: behind every number, the metric and its parameters (grid, box, sample counts,
 * samplers) as the spec states them, the test set of each dataset, the seeds, and how the statistics are computed.
 */
internal fun FlowContent.protocolSection(spec: SpecView, hasRecord: Boolean) {
    section {
        id = "protocol"
        h2 { +"Evaluation protocol" }
        if (!hasRecord || (spec.variants.isEmpty() && spec.datasets.isEmpty())) {
            p { +"No readable experiment spec: each cell's protocol is in its own spec.json (see Specification)." }
            return@section
        }
        p {
            +"Table entries are the metrics' final values (summary.json, evaluated once training ended); learning curves "
            +"show the same metrics at every evaluation. Seeds: ${spec.seeds?.joinToString(", ") ?: "unknown"}"
            +(spec.seeds?.let { " (${it.size} per setting and dataset; a seed fixes initialisation, data and sampling)." } ?: ".")
            +" Statistics over seeds: mean ± sample std; 95% CI by percentile bootstrap (${Bootstrap.RESAMPLES} resamples) "
            +"from n ≥ ${Bootstrap.MIN_N}; Welch's two-sided t-test against the best entry of each column."
        }
        h3 { +"Metrics" }
        val metrics = LinkedHashMap<JsonObject, MutableList<String>>()
        spec.variants.forEach { v -> v.metrics.forEach { m -> metrics.getOrPut(m) { mutableListOf() } += (v.label ?: "?") } }
        table {
            thead { tr { listOf("metric", "parameters", "used by").forEach { th { +it } } } }
            tbody {
                metrics.forEach { (m, users) ->
                    tr {
                        td(classes = "mono") { +(SpecView.string(m, "type") ?: "?") }
                        td { pre { +pretty(withoutType(m)) } }
                        td { +(if (users.size == spec.variants.size) "all settings" else users.joinToString("; ")) }
                    }
                }
            }
        }
        h3 { +"Datasets and test sets" }
        table {
            thead { tr { listOf("dataset", "test set", "spec").forEach { th { +it } } } }
            tbody {
                spec.datasets.forEach { d ->
                    tr {
                        td { +(d.label ?: "?") }
                        td { +testSet(d) }
                        td { pre { +pretty(d.json) } }
                    }
                }
            }
        }
    }
}

private fun testSet(d: SpecDataset): String {
    val json = d.json
    fun number(key: String) = (json[key] as? JsonPrimitive)?.content
    return number("nTest")?.let { "$it points, drawn from the generator independently of the ${number("n") ?: "?"} training points (seeded by the cell's seed)" }
        ?: number("testFraction")?.let { "a $it share of the rows, held out with the cell's seed" }
        ?: "not stated in the spec"
}
