package org.ebmworkbench.dsl.spec

import kotlinx.serialization.json.Json

/**
 * The one JSON configuration for specs, shared by run records (`spec.json`), `ebm cell` and the content hash.
 *
 * `encodeDefaults = true` makes every value explicit in a record, so a record stays readable and rerunnable
 * even after a default changes; `classDiscriminator = "type"` gives each component its short `@SerialName`
 * (`"mlp"`, `"snl"`, …), the subtypes coming from the registry ([Components.serializersModule]). [canonical] is the
 * same configuration without pretty printing: its output is what [CellSpec.id] hashes, so it must never change for a
 * given spec.
 */
object SpecJson {
    /** Pretty, explicit JSON for files people read. */
    val json: Json = Json {
        prettyPrint = true
        encodeDefaults = true
        classDiscriminator = "type"
        serializersModule = Components.serializersModule
    }

    /** Compact JSON with the same content as [json]; the input of content hashes. */
    val canonical: Json = Json(json) { prettyPrint = false }
}
