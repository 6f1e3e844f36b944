package org.ebmworkbench.dsl.tensorboard

import org.ebmworkbench.reports.tensorboard.proto.Event
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Files
import java.nio.file.Path

/**
 * A reader of TFRecord files written from the format's definition, apart from the code under test: a record is a
 * uint64 length, the masked CRC-32C of the 8 length bytes, the data, and the masked CRC-32C of the data, all little
 * endian; masked = ((crc >>> 15) | (crc << 17)) + 0xa282ead8. The CRC-32C here is the bitwise textbook one
 * (reflected polynomial 0x82F63B78), not java.util.zip.CRC32C.
 */
object EventFileReading {
    fun crc32c(bytes: ByteArray, offset: Int = 0, length: Int = bytes.size - offset): Int {
        var crc = -1
        for (i in offset until offset + length) {
            crc = crc xor (bytes[i].toInt() and 0xff)
            repeat(8) { crc = if (crc and 1 != 0) (crc ushr 1) xor 0x82F63B78.toInt() else crc ushr 1 }
        }
        return crc.inv()
    }

    fun masked(crc: Int): Int = ((crc ushr 15) or (crc shl 17)) + 0xa282ead8.toInt()

    /** The data of every record in [bytes]; a wrong length or CRC fails, naming the record and its offset. */
    fun records(bytes: ByteArray): List<ByteArray> {
        val buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
        val records = mutableListOf<ByteArray>()
        while (buffer.hasRemaining()) {
            val at = buffer.position()
            check(buffer.remaining() >= 12) { "record ${records.size} at byte $at: ${buffer.remaining()} bytes, no header" }
            val length = buffer.getLong()
            check(buffer.getInt() == masked(crc32c(bytes, at, 8))) { "record ${records.size} at byte $at: bad length CRC" }
            check(length >= 0 && length <= buffer.remaining() - 4) {
                "record ${records.size} at byte $at: length $length, ${buffer.remaining()} bytes left"
            }
            val data = ByteArray(length.toInt()).also { buffer.get(it) }
            check(buffer.getInt() == masked(crc32c(data))) { "record ${records.size} at byte $at: bad data CRC" }
            records += data
        }
        return records
    }

    fun events(file: Path): List<Event> = records(Files.readAllBytes(file)).map { Event.parseFrom(it) }

    /** One scalar point: what TensorBoard plots. */
    data class Scalar(val tag: String, val step: Long, val value: Float)

    /** The simple_value scalars of [events] whose tag passes [keep], in file order. */
    fun scalars(events: List<Event>, keep: (String) -> Boolean = { true }): List<Scalar> =
        events.filter { it.hasSummary() }.flatMap { e ->
            e.summary.valueList.filter { it.hasSimpleValue() && keep(it.tag) }.map { Scalar(it.tag, e.step, it.simpleValue) }
        }

    /**
     * The measured values of a metrics.csv, read from its text: for each row and metric column (all but `step` and
     * `wall_seconds`) with a non-empty field, (column, step, value as float32).
     */
    fun csvScalars(metricsCsv: Path): List<Scalar> {
        val lines = Files.readAllLines(metricsCsv).filter { it.isNotBlank() }
        val header = lines.first().split(',')
        return lines.drop(1).flatMap { line ->
            val fields = line.split(',')
            header.indices.filter { header[it] != "step" && header[it] != "wall_seconds" && fields.getOrElse(it) { "" }.isNotEmpty() }
                .map { Scalar(header[it], fields[0].toLong(), fields[it].toDouble().toFloat()) }
        }
    }

    /** (step, wall_seconds) of every metrics.csv row. */
    fun csvWallSeconds(metricsCsv: Path): Map<Long, Double> =
        Files.readAllLines(metricsCsv).drop(1).filter { it.isNotBlank() }.associate { line ->
            line.split(',').let { it[0].toLong() to it[1].toDouble() }
        }
}
