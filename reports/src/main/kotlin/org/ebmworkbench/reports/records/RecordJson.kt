package org.ebmworkbench.reports.records

import kotlinx.serialization.json.Json

/**
 * The single JSON configuration for every run-record file. NaN and ±Infinity are written as the bare
 * literals `NaN`, `Infinity`, `-Infinity` (a diverged metric is data, not an error); unknown keys are
 * ignored so older readers accept newer records; null optional fields are omitted.
 */
object RecordJson {
    val json: Json = Json {
        prettyPrint = true
        allowSpecialFloatingPointValues = true
        encodeDefaults = true
        ignoreUnknownKeys = true
        explicitNulls = false
    }
}
