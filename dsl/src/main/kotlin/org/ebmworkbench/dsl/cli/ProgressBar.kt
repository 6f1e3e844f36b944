package org.ebmworkbench.dsl.cli

import org.ebmworkbench.engine.train.TrainingListener
import java.io.PrintStream
import java.util.Locale

/**
 * A one-line progress bar with ETA and the current loss, on stderr. On a terminal it redraws in place; in a log
 * (CI, a file) it prints a line every 10 % so the log stays readable.
 */
class ProgressBar(
    private val label: String,
    private val out: PrintStream = System.err,
    private val interactive: Boolean = System.console() != null,
) : TrainingListener {
    private var lastDecile = -1L
    private var metrics = ""
    private var step = 0L
    private var total = 0L
    private var wall = 0.0
    private var loss = "-"

    override fun onLog(step: Long, totalSteps: Long, wallSeconds: Double, values: Map<String, Double>) {
        this.step = step
        total = totalSteps
        wall = wallSeconds
        loss = values["loss"]?.let { String.format(Locale.ROOT, "%.4f", it) } ?: "-"
        draw(final = false)
    }

    /** The trainer evaluates after logging the same step: redraw so the line shows the fresh metrics. */
    override fun onEvaluation(step: Long, wallSeconds: Double, metrics: Map<String, Double>) {
        this.metrics = metrics.entries.joinToString("") { (k, v) -> String.format(Locale.ROOT, "  %s %.4f", k, v) }
        draw(final = true)
    }

    private fun draw(final: Boolean) {
        val fraction = if (total > 0) step.toDouble() / total else 1.0
        val eta = if (step > 0) wall / step * (total - step) else 0.0
        val line = String.format(Locale.ROOT, "%s [%s] %3d%% %d/%d  %s  ETA %s  loss %s%s", label, bar(fraction),
            (fraction * 100).toInt(), step, total, clock(wall), clock(eta), loss, metrics)
        val done = step >= total
        if (interactive) {
            out.print("\r" + line.padEnd(WIDTH))
            if (done && final) out.println()
        } else {
            val decile = (fraction * 10).toLong()
            if (decile != lastDecile || (done && final)) {
                out.println(line)
                lastDecile = decile
            }
        }
        out.flush()
    }

    private fun bar(fraction: Double): String {
        val filled = (fraction.coerceIn(0.0, 1.0) * BAR).toInt()
        return "#".repeat(filled) + ".".repeat(BAR - filled)
    }


    private companion object {
        const val BAR = 24
        const val WIDTH = 120
    }
}

/** Seconds as `m:ss`, or `h:mm:ss` from an hour on. */
internal fun clock(seconds: Double): String {
    val s = seconds.toLong()
    return if (s >= 3600) String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
    else String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
}
