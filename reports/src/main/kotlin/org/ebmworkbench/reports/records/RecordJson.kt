package org.ebmworkbench.reports.records

import kotlinx.serialization.json.Json

/**
 * The single JSON configuration for every run-record file. It is strict JSON: a non-finite value cannot be encoded
 * (the record types write such values as `null` through [FiniteOrNull], with the reason beside them); unknown keys
 * are ignored so older readers accept newer records; null optional fields are omitted.
 */
object RecordJson {
    val json: Json = Json {
        prettyPrint = true
        encodeDefaults = true
        ignoreUnknownKeys = true
        explicitNulls = false
    }
}
