package org.ebmworkbench.reports.records

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import java.nio.file.Files
import kotlin.io.path.name

class AtomicFilesTest : FunSpec({
    test("writing replaces the content, creates parents and leaves no temp file behind") {
        val dir = tempdir().toPath()
        val target = dir.resolve("a/b/status.json")
        AtomicFiles.writeText(target, "first, a longer content")
        AtomicFiles.writeText(target, "second")
        Files.readString(target) shouldBe "second"
        Files.list(target.parent).use { s -> s.map { it.name }.toList() } shouldContainExactly listOf("status.json")
    }

    test("writeBytes writes the exact bytes") {
        val target = tempdir().toPath().resolve("x.bin")
        val bytes = byteArrayOf(0, -1, 7, 10, 13)
        AtomicFiles.writeBytes(target, bytes)
        Files.readAllBytes(target).toList() shouldBe bytes.toList()
        Files.list(target.parent).use { s -> s.count() } shouldBe 1L
    }
})
