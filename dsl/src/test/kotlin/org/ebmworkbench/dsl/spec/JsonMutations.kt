package org.ebmworkbench.dsl.spec

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.doubleOrNull
import kotlinx.serialization.json.longOrNull

/**
 * Generates, for every non-null leaf value of a cell's JSON (except the `type` discriminators), one valid
 * cell that differs from it in that value only. Working on the JSON tree makes the id test cover fields
 * added later without anyone having to list them.
 */
internal object JsonMutations {
    private val json = SpecJson.canonical

    fun everyLeaf(cell: CellSpec): List<Pair<String, CellSpec>> {
        val tree = json.encodeToJsonElement(CellSpec.serializer(), cell)
        return leaves(tree, "").mapNotNull { path -> firstValid(tree, path)?.let { path to it } }
    }

    fun nonNullLeaves(cell: CellSpec): Int =
        leaves(json.encodeToJsonElement(CellSpec.serializer(), cell), "").size

    private fun leaves(e: JsonElement, path: String): List<String> = when (e) {
        is JsonObject -> e.entries.filter { it.key != "type" }.flatMap { (k, v) -> leaves(v, "$path/$k") }
        is JsonArray -> e.flatMapIndexed { i, v -> leaves(v, "$path/$i") }
        JsonNull -> emptyList()
        is JsonPrimitive -> listOf(path)
    }

    private fun firstValid(tree: JsonElement, path: String): CellSpec? {
        val keys = path.split('/').drop(1)
        val old = get(tree, keys) as JsonPrimitive
        return candidates(old).firstNotNullOfOrNull { candidate ->
            runCatching { json.decodeFromJsonElement(CellSpec.serializer(), set(tree, keys, candidate)) }.getOrNull()
        }
    }

    private fun candidates(p: JsonPrimitive): List<JsonPrimitive> {
        p.booleanOrNull?.let { return listOf(JsonPrimitive(!it)) }
        if (!p.isString) {
            p.longOrNull?.let { return listOf(JsonPrimitive(if (it > 1) it - 1 else it + 1)) }
            p.doubleOrNull?.let { return listOf(JsonPrimitive(if (it != 0.0) it / 2 else 0.5)) }
        }
        val words = org.ebmworkbench.engine.data.ToyDatasets.all().map { it.name() } + Activation.entries.map { it.serialName() } +
            Covariance.entries.map { it.serialName() } + OptimizerKind.entries.map { it.serialName() } +
            ChainInit.entries.map { it.serialName() } + Projection.entries.map { it.serialName() }
        return (listOf(p.content + "x") + words).filter { it != p.content }.map { JsonPrimitive(it) }
    }

    private fun Enum<*>.serialName(): String = json.encodeToJsonElement(
        @Suppress("UNCHECKED_CAST") (kotlinx.serialization.serializer(this::class.java) as kotlinx.serialization.KSerializer<Any>),
        this,
    ).let { (it as JsonPrimitive).content }

    private fun get(e: JsonElement, keys: List<String>): JsonElement = keys.fold(e) { acc, k ->
        when (acc) {
            is JsonObject -> acc.getValue(k)
            is JsonArray -> acc[k.toInt()]
            else -> error("no $k in $acc")
        }
    }

    private fun set(e: JsonElement, keys: List<String>, value: JsonElement): JsonElement {
        if (keys.isEmpty()) return value
        val k = keys.first()
        return when (e) {
            is JsonObject -> JsonObject(e + (k to set(e.getValue(k), keys.drop(1), value)))
            is JsonArray -> JsonArray(e.mapIndexed { i, v -> if (i == k.toInt()) set(v, keys.drop(1), value) else v })
            else -> error("no $k in $e")
        }
    }
}
