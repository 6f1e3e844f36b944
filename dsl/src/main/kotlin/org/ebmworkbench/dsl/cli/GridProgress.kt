package org.ebmworkbench.dsl.cli

import org.ebmworkbench.dsl.run.CellJob
import org.ebmworkbench.dsl.run.ExecutionListener
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.RunRecords
import java.io.PrintStream
import java.util.Locale
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/**
 * The progress of a grid: one overall line (cells done, failed, diverged, running, and the ETA) and a line per
 * running cell beneath it, read from the cells' `status.json`. On a terminal it redraws in place every second; in a
 * log it prints a line when a cell ends and the whole block every [logIntervalSeconds].
 */
class GridProgress(
    private val total: Int,
    private val reused: Int,
    private val out: PrintStream = System.err,
    private val interactive: Boolean = System.console() != null,
    private val logIntervalSeconds: Long = 60,
) : ExecutionListener, AutoCloseable {
    private val running = ConcurrentHashMap<CellJob, Long>()
    private val ended = ConcurrentHashMap<String, CellState>()
    private val started = System.nanoTime()
    private var drawnLines = 0
    private val timer = Executors.newSingleThreadScheduledExecutor { r -> Thread(r, "ebm-progress").apply { isDaemon = true } }

    init {
        val period = if (interactive) 1L else logIntervalSeconds
        timer.scheduleAtFixedRate({ draw() }, period, period, TimeUnit.SECONDS)
    }

    override fun cellStarted(job: CellJob) {
        running[job] = System.nanoTime()
    }

    override fun cellFinished(job: CellJob, status: CellStatus) {
        running.remove(job)
        ended[job.spec.id] = status.state
        val note = status.error?.lineSequence()?.firstOrNull()?.let { " ($it)" } ?: ""
        synchronized(this) {
            clear()
            out.println(String.format(Locale.ROOT, "  %s  %s  %.1f s%s", job.spec.id, status.state.name.lowercase(),
                status.wallSeconds, note))
        }
        draw()
    }

    @Synchronized
    fun draw() {
        clear()
        val lines = listOf(overall()) + running.keys.sortedBy { running[it] }.map { "    " + cellLine(it) }
        lines.forEach { out.println(it) }
        drawnLines = if (interactive) lines.size else 0
        out.flush()
    }

    override fun close() {
        timer.shutdownNow()
        draw()
    }

    private fun clear() {
        if (interactive && drawnLines > 0) out.print("\u001b[${drawnLines}A\u001b[J")
        drawnLines = 0
    }

    private fun overall(): String {
        fun count(s: CellState) = ended.values.count { it == s }
        val fractions = running.keys.sumOf { progressOf(it) }
        val finished = ended.size
        val elapsed = (System.nanoTime() - started) / 1e9
        val toRun = total - reused
        val rate = (finished + fractions) / elapsed
        val eta = if (rate > 0) (toRun - finished - fractions) / rate else Double.NaN
        return String.format(Locale.ROOT, "cells %d/%d done (%d reused) · %d failed · %d diverged · %d running · %s elapsed · ETA %s",
            reused + count(CellState.DONE), total, reused, count(CellState.FAILED), count(CellState.DIVERGED),
            running.size, clock(elapsed), if (eta.isFinite()) clock(eta) else "?")
    }

    private fun cellLine(job: CellJob): String {
        val s = RunRecords.readStatus(job.dir)
        // Until the first step the status knows no total: "0% 0/0" would read as a cell with nothing to do.
        return when {
            s == null || s.state == CellState.PENDING || (s.state == CellState.RUNNING && s.totalSteps <= 0) ->
                "${job.spec.id}  starting"
            s.state == CellState.RUNNING -> String.format(Locale.ROOT, "%s  %3d%%  %d/%d  %s", job.spec.id,
                100 * s.step / s.totalSteps, s.step, s.totalSteps, clock(s.wallSeconds))
            else -> "${job.spec.id}  ${s.state.name.lowercase(Locale.ROOT)}, ending"
        }
    }

    private fun progressOf(job: CellJob): Double =
        status(job)?.takeIf { it.totalSteps > 0 }?.let { it.step.toDouble() / it.totalSteps } ?: 0.0

    private fun status(job: CellJob): CellStatus? = RunRecords.readStatus(job.dir)?.takeIf { it.state == CellState.RUNNING }
}
