package org.ebmworkbench.dsl.run

import org.ebmworkbench.reports.records.CellRecordWriter

/**
 * Merges the trainer's log and evaluation events of the same step into one metrics.csv row. The trainer logs
 * before it evaluates, so a log row is held until the next event shows whether an evaluation joins it.
 */
class MetricsLog(private val writer: CellRecordWriter, private val metricNames: List<String>) {
    private var started = false
    private var pendingStep = -1L
    private var pendingWall = 0.0
    private val pending = LinkedHashMap<String, Double>()

    fun log(step: Long, wall: Double, values: Map<String, Double>) {
        if (step != pendingStep) flush()
        pendingStep = step
        pendingWall = wall
        pending.putAll(values)
    }

    fun evaluation(step: Long, wall: Double, metrics: Map<String, Double>) = log(step, wall, metrics)

    fun flush() {
        if (pendingStep < 0) return
        if (!started) {
            writer.startMetrics((pending.keys.filter { it !in metricNames } + metricNames).distinct())
            started = true
        }
        writer.appendMetrics(pendingStep, pendingWall, pending.toMap())
        pending.clear()
        pendingStep = -1
    }
}
