package org.ebmworkbench.dsl.tensorboard

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.reports.tensorboard.TfRecord
import java.util.zip.CRC32C
import kotlin.random.Random

/** TFRecord framing against the format's definition and the CRC-32C check value. */
class TfRecordFramingTest : FunSpec({
    test("CRC-32C of \"123456789\" is the check value 0xE3069283, in the test's CRC and in java.util.zip") {
        val digits = "123456789".toByteArray()
        EventFileReading.crc32c(digits) shouldBe 0xE3069283.toInt()
        CRC32C().apply { update(digits) }.value shouldBe 0xE3069283L
    }

    test("the masked CRC is the rotated CRC plus 0xa282ead8, on random data") {
        val random = Random(7)
        repeat(50) {
            val data = random.nextBytes(random.nextInt(0, 300))
            TfRecord.maskedCrc32c(data) shouldBe EventFileReading.masked(EventFileReading.crc32c(data))
        }
        // The mask of a zero CRC: rotating 0 gives 0, so only the delta remains.
        EventFileReading.masked(0) shouldBe 0xa282ead8.toInt()
    }

    test("framed records of any length read back whole, and a flipped byte anywhere is caught") {
        val random = Random(11)
        val payloads = listOf(ByteArray(0), byteArrayOf(42)) + List(5) { random.nextBytes(random.nextInt(1, 2000)) }
        val file = payloads.fold(ByteArray(0)) { acc, p -> acc + TfRecord.frame(p) }
        file.size shouldBe payloads.sumOf { it.size + 16 }
        EventFileReading.records(file).map { it.toList() } shouldContainExactly payloads.map { it.toList() }
        for (at in listOf(0, 3, 8, 11, 12, file.size - 1)) {
            val damaged = file.copyOf().also { it[at] = (it[at].toInt() xor 0x10).toByte() }
            shouldThrow<IllegalStateException> { EventFileReading.records(damaged) }.message shouldContain "CRC"
        }
    }
})
