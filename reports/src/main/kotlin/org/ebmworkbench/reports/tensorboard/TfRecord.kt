package org.ebmworkbench.reports.tensorboard

import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.util.zip.CRC32C

/**
 * TFRecord framing, the container of TensorBoard event files: each record is its length as a little-endian uint64,
 * the masked CRC-32C of those 8 bytes (uint32, little endian), the data, and the masked CRC-32C of the data. The mask
 * (rotate right by 15 bits, add 0xa282ead8) keeps a CRC of data that itself holds CRCs from being trivially valid.
 */
object TfRecord {
    /** Bytes around the data of one record: the length (8), its CRC (4) and the data's CRC (4). */
    const val OVERHEAD_BYTES = 16

    private const val MASK_DELTA = 0xa282ead8.toInt()

    /** The masked CRC-32C (Castagnoli) of [length] bytes of [bytes] from [offset], as TFRecord stores it. */
    fun maskedCrc32c(bytes: ByteArray, offset: Int = 0, length: Int = bytes.size - offset): Int {
        val crc = CRC32C().apply { update(bytes, offset, length) }.value.toInt()
        return ((crc ushr 15) or (crc shl 17)) + MASK_DELTA
    }

    /** One record holding [data], framed. */
    fun frame(data: ByteArray): ByteArray {
        val record = ByteBuffer.allocate(data.size + OVERHEAD_BYTES).order(ByteOrder.LITTLE_ENDIAN)
        record.putLong(data.size.toLong())
        record.putInt(maskedCrc32c(record.array(), 0, Long.SIZE_BYTES))
        record.put(data)
        record.putInt(maskedCrc32c(data))
        return record.array()
    }
}
