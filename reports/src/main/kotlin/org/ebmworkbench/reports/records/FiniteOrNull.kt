package org.ebmworkbench.reports.records

import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KSerializer
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.descriptors.nullable
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder

/**
 * A Double written as a JSON number when finite and as `null` otherwise, and read back with `null` as NaN. JSON has
 * no NaN or ±Infinity, and the bare literals that some writers emit are refused by strict readers (Python's `json`
 * in strict mode, `jq`); a record whose value is non-finite says why elsewhere (e.g. [CellStatus.nonFinite]).
 */
@OptIn(ExperimentalSerializationApi::class)
object FiniteOrNull : KSerializer<Double> {
    override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor("FiniteOrNullDouble", PrimitiveKind.DOUBLE).nullable

    override fun serialize(encoder: Encoder, value: Double) {
        if (value.isFinite()) encoder.encodeDouble(value) else encoder.encodeNull()
    }

    override fun deserialize(decoder: Decoder): Double =
        if (decoder.decodeNotNullMark()) decoder.decodeDouble() else Double.NaN.also { decoder.decodeNull() }

    /** Why [value] was written as `null`: `NaN`, `Infinity` or `-Infinity`; null for a finite value. */
    fun reason(value: Double): String? = if (value.isFinite()) null else value.toString()
}
