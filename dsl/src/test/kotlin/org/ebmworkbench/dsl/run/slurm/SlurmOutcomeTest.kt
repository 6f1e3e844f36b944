package org.ebmworkbench.dsl.run.slurm

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.reports.records.CellRecordWriter
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.RunRecords
import org.ebmworkbench.reports.records.SlurmTask
import java.nio.file.Files
import java.nio.file.Path

/** How a task's end is recorded from Slurm's word, the cell's own status and its exit marker. */
class SlurmOutcomeTest : FunSpec({
    fun cell(state: CellState, exitMarker: Int? = null): Path {
        val dir = tempdir().toPath().resolve("exp").resolve("cell-1")
        Files.createDirectories(dir)
        CellRecordWriter(dir).writeStatus(CellStatus(cellId = "cell-1", experiment = "exp", state = state,
            slurm = SlurmTask("42", 3, state = "RUNNING", submittedAt = "2026-01-01T00:00:00Z")))
        exitMarker?.let { Files.writeString(dir.resolve(SbatchScript.EXIT_MARKER), "$it\n") }
        return dir
    }

    test("time-outs, node failures and out-of-memory kills are failures quoting Slurm; a cancel is an interruption") {
        for ((slurmState, expected) in listOf("TIMEOUT" to CellState.FAILED, "NODE_FAIL" to CellState.FAILED,
            "OUT_OF_MEMORY" to CellState.FAILED, "CANCELLED" to CellState.INTERRUPTED, "PREEMPTED" to CellState.INTERRUPTED)) {
            val dir = cell(CellState.RUNNING)
            val status = SlurmOutcome.record(dir, TaskState(3, slurmState, "TimeLimit"))
            status.state shouldBe expected
            status.error.shouldNotBeNull() shouldContain "Slurm task 42_3 ended as $slurmState (reason: TimeLimit)"
            status.slurm!!.state shouldBe slurmState
            status.slurm!!.endSeenAt.shouldNotBeNull()
            RunRecords.readStatus(dir) shouldBe status
        }
    }

    test("a cell that recorded its end keeps it; Slurm's state is added, the exit marker's while Slurm still lists it") {
        val status = SlurmOutcome.record(cell(CellState.DONE, exitMarker = 0), TaskState(3, "COMPLETING", null))
        status.state shouldBe CellState.DONE
        status.error shouldBe null
        status.slurm!!.state shouldBe "COMPLETED"
        SlurmOutcome.record(cell(CellState.DONE, exitMarker = 1), TaskState(3, "RUNNING", null)).slurm!!.state shouldBe "FAILED"
        SlurmOutcome.record(cell(CellState.DONE, exitMarker = 0), TaskState(3, "COMPLETED", null)).slurm!!.state shouldBe "COMPLETED"
        SlurmOutcome.record(cell(CellState.DONE, exitMarker = 0), null).slurm!!.state shouldBe "COMPLETED"
    }

    test("a task that ended without the cell recording an end is a failure with its exit code") {
        val status = SlurmOutcome.record(cell(CellState.RUNNING, exitMarker = 137), null)
        status.state shouldBe CellState.FAILED
        status.error.shouldNotBeNull() shouldContain "exit code 137"
        status.slurm!!.state shouldBe "FAILED"
    }

    test("a queued task gone from a still-listed array was cancelled while pending; gone with its array it is unknown") {
        val dropped = SlurmOutcome.record(cell(CellState.PENDING), null, arrayListed = true)
        dropped.state shouldBe CellState.INTERRUPTED
        dropped.slurm!!.state shouldBe "CANCELLED"
        dropped.slurm!!.reason.shouldNotBeNull() shouldContain "cancelled while pending"
        val forgotten = SlurmOutcome.record(cell(CellState.PENDING), null, arrayListed = false)
        forgotten.state shouldBe CellState.FAILED
        forgotten.error.shouldNotBeNull() shouldContain "unknown"
    }
})
