package org.ebmworkbench.engine.data

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldEndWith
import io.kotest.matchers.types.shouldBeInstanceOf
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.createTempDirectory
import kotlin.io.path.writeText

class CsvDatasetTest : FunSpec({
    val dir = createTempDirectory("csv-dataset-test")
    afterSpec { dir.toFile().deleteRecursively() }

    fun csv(text: String): Path = dir.resolve("data.csv").also { it.writeText(text) }

    fun failure(text: String): String {
        val e = shouldThrow<CsvFormatException> { CsvDataset.load(csv(text)) }
        e.shouldBeInstanceOf<IllegalArgumentException>()
        return e.message!!
    }

    test("a file with a header, comments, blank lines and spaces loads row-major") {
        val d = CsvDataset.load(csv("# toy data\nx, y\n\n1, 2.5\n  -3e-1,.5\n# trailing comment\n4,+6\n"))
        d.size() shouldBe 3
        d.dim() shouldBe 2
        d.toArray().toList() shouldBe listOf(1f, 2.5f, -0.3f, 0.5f, 4f, 6f)
    }

    test("a file without a header keeps its first row; CRLF and a BOM are accepted") {
        val d = CsvDataset.load(csv("\uFEFF1,2,3\r\n4,5,6\r\n"))
        d.size() shouldBe 2
        d.dim() shouldBe 3
        d.get(0, 0) shouldBe 1f
        d.get(1, 2) shouldBe 6f
    }

    test("a ragged row names its line and the first data row") {
        val message = failure("x,y\n1,2\n3,4\n5,6,7\n")
        message shouldEndWith "data.csv:4: row has 3 values but the first data row (line 2) has 2"
    }

    test("line numbers count comments and blank lines") {
        failure("# c\n\n1,2\n\n# c\n3\n") shouldEndWith "data.csv:6: row has 1 values but the first data row (line 3) has 2"
    }

    test("a non-number names line and column") {
        failure("a,b\n1,2\n3,4\n5,6\n7,abc\n") shouldEndWith "data.csv:5:2: 'abc' is not a number"
        failure("1,2\n3,,4\n".replace(",,4", ",")) shouldContain "data.csv:2:2: empty value"
        failure("1,2\n0x10,4\n") shouldEndWith "data.csv:2:1: '0x10' is not a number"
    }

    test("NaN and infinities are rejected with line and column") {
        failure("x,y\n1,2\n3,NaN\n") shouldContain "data.csv:3:2: 'NaN' is not a finite number"
        failure("1,2\n-inf,2\n") shouldContain "data.csv:2:1: '-inf' is not a finite number"
        failure("1,2\n1e39,2\n") shouldContain "data.csv:2:1: '1e39' is beyond the float range"
    }

    test("a NaN in the first row is reported, not taken for a header") {
        failure("nan,1\n2,3\n") shouldContain "data.csv:1:1: 'nan' is not a finite number"
    }

    test("a header whose width differs from the data is reported") {
        failure("x,y,z\n1,2\n") shouldEndWith "data.csv:1: header has 3 names but the first data row (line 2) has 2 values"
    }

    test("empty files, header-only files and comment-only files have no data rows") {
        failure("") shouldEndWith "data.csv: no data rows"
        failure("x,y\n") shouldEndWith "data.csv: no data rows"
        failure("# nothing\n\n") shouldEndWith "data.csv: no data rows"
    }

    test("a missing file is reported by name") {
        val missing = dir.resolve("absent.csv")
        Files.exists(missing) shouldBe false
        shouldThrow<CsvFormatException> { CsvDataset.load(missing) }.message shouldBe "$missing: no such file"
    }
})
