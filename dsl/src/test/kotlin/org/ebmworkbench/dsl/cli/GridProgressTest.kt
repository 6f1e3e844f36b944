package org.ebmworkbench.dsl.cli

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import org.ebmworkbench.dsl.run.CellJob
import org.ebmworkbench.dsl.spec.buildExperiment
import org.ebmworkbench.dsl.spec.energyDiscrepancy
import org.ebmworkbench.dsl.spec.normal1d
import org.ebmworkbench.dsl.spec.quadratic
import org.ebmworkbench.reports.records.CellRecordWriter
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import java.io.ByteArrayOutputStream
import java.io.PrintStream

/** The progress block: one overall line with the counts, a line per running cell read from its status.json. */
class GridProgressTest : FunSpec({
    test("counts done, failed, diverged and running cells, and shows each running cell's step") {
        val runs = tempdir().toPath()
        val cells = buildExperiment("progress") {
            datasets(normal1d(n = 100, nTest = 100))
            seeds(0 until 4)
            energy = quadratic()
            objective = energyDiscrepancy()
            train { steps = 10 }
        }.cells()
        val jobs = cells.map { CellJob(it, runs.resolve(it.id), null) }
        fun status(job: CellJob, state: CellState, step: Long = 0, error: String? = null) = CellStatus(
            cellId = job.spec.id, experiment = "progress", state = state, seed = job.spec.seed, dataset = "normal_1d",
            method = job.spec.method, variant = job.spec.variant, step = step, totalSteps = 10, error = error)
        val out = ByteArrayOutputStream()
        GridProgress(total = 5, reused = 1, out = PrintStream(out, true), interactive = false, logIntervalSeconds = 3600)
            .use { progress ->
                jobs.forEach { progress.cellStarted(it) }
                progress.cellFinished(jobs[0], status(jobs[0], CellState.DONE, 10))
                progress.cellFinished(jobs[1], status(jobs[1], CellState.FAILED, 3, "boom\nstack"))
                progress.cellFinished(jobs[2], status(jobs[2], CellState.DIVERGED, 4, "non-finite loss at step 4"))
                CellRecordWriter(jobs[3].dir).writeStatus(status(jobs[3], CellState.RUNNING, 5))
                out.reset()
                progress.draw()
            }
        val lines = out.toString().trim().lines().take(2)
        lines shouldHaveSize 2
        lines[0] shouldStartWith "cells 2/5 done (1 reused) · 1 failed · 1 diverged · 1 running"
        lines[0] shouldContain "ETA"
        lines[1] shouldStartWith "    ${jobs[3].spec.id}   50%  5/10"
    }

    test("a cell whose JVM has written its first status but not its first step says starting, not 0/0") {
        val runs = tempdir().toPath()
        val job = buildExperiment("starting") {
            datasets(normal1d(n = 100, nTest = 100))
            energy = quadratic()
            objective = energyDiscrepancy()
            train { steps = 10 }
        }.cells().single().let { CellJob(it, runs.resolve(it.id), null) }
        CellRecordWriter(job.dir).writeStatus(CellStatus(job.spec.id, "starting", CellState.RUNNING, step = 0, totalSteps = 0))
        val out = ByteArrayOutputStream()
        GridProgress(total = 1, reused = 0, out = PrintStream(out, true), interactive = false, logIntervalSeconds = 3600)
            .use { progress ->
                progress.cellStarted(job)
                out.reset()
                progress.draw()
            }
        val line = out.toString().trim().lines()[1]
        line shouldBe "    ${job.spec.id}  starting"
    }
})
