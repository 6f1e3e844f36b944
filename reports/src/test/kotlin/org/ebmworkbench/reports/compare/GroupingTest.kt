package org.ebmworkbench.reports.compare

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import org.ebmworkbench.reports.html.GridFixtures
import org.ebmworkbench.reports.records.RunRecords

class GroupingTest : FunSpec({
    val run = RunRecords.readExperiment(GridFixtures.partialGrid(tempdir().toPath()))
    val grouping = Grouping.of(run)

    test("rows and datasets in order of appearance, then those of the spec not reached") {
        grouping.rows.map { it.label } shouldContainExactly listOf("ed t=1", "ed t=10", "snl")
        grouping.rows[1].variant shouldBe mapOf("method" to "ed", "t" to "10")
        grouping.datasets shouldContainExactly listOf("checkerboard", "gaussians8")
        grouping.expectedSeeds shouldBe 3
        grouping.layout!!.expectedCells shouldBe 18
    }

    test("failed cells without a summary are counted, with their reasons") {
        val t10 = grouping.group("ed t=10", "checkerboard").shouldNotBeNull()
        t10.runs.map { it.seed } shouldContainExactly listOf(0L, 1L, 2L)
        t10.runs.map { it.outcome } shouldContainExactly listOf(Outcome.DONE, Outcome.FAILED, Outcome.INCOMPLETE)
        t10.problems.single().reason shouldBe "OutOfMemoryError: out of memory: boom"
        val t1 = grouping.group("ed t=1", "checkerboard").shouldNotBeNull()
        t1.count(Outcome.DIVERGED) shouldBe 1
        t1.problems.single().reason shouldBe "diverged at step 40: non-finite loss at step 40"
        t1.problems.single().cell.id shouldBe "checkerboard-t1-s2"
    }

    test("groups that never started are absent; cells that name nothing are set apart") {
        grouping.group("snl", "gaussians8").shouldBeNull()
        grouping.unplaced.map { it.id } shouldContainExactly listOf("legacy")
    }
})
