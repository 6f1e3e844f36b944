package org.ebmworkbench.dsl.run

import org.ebmworkbench.reports.records.CellRecordWriter

/**
 * Merges the trainer's log and evaluation events of the same step into one metrics.csv row. The columns are fixed
 * by [start] before the first step: every value the cell can log (the loss, the objective's diagnostics, the
 * metrics), whichever event comes first; a value not measured at a step is an empty field. The trainer logs before
 * it evaluates, so a row is held until the next event shows whether an evaluation joins it.
 */
class MetricsLog(private val writer: CellRecordWriter) {
    private var pendingStep = -1L
    private var pendingWall = 0.0
    private val pending = LinkedHashMap<String, Double>()

    /** Writes the header with [columns] (after `step,wall_seconds`), before any event. */
    fun start(columns: List<String>) = writer.startMetrics(columns.distinct())

    fun log(step: Long, wall: Double, values: Map<String, Double>) {
        if (step != pendingStep) flush()
        pendingStep = step
        pendingWall = wall
        pending.putAll(values)
    }

    fun evaluation(step: Long, wall: Double, metrics: Map<String, Double>) = log(step, wall, metrics)

    fun flush() {
        if (pendingStep < 0) return
        writer.appendMetrics(pendingStep, pendingWall, pending.toMap())
        pending.clear()
        pendingStep = -1
    }
}
