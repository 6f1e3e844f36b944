package org.ebmworkbench.reports.tensorboard

import org.ebmworkbench.reports.records.CellStatus
import java.net.InetAddress
import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant
import java.util.Locale
import kotlin.io.path.isDirectory
import kotlin.io.path.name

/**
 * Where a cell's event files live: `<cell>/tensorboard/events.out.tfevents.<start seconds>.<host>`, one file per
 * cell, so that `tensorboard --logdir runs/<experiment>` shows one run per cell, `<cell-id>/tensorboard`.
 */
object TensorBoardFiles {
    /** The folder, inside a cell's folder, that holds its event file. */
    const val DIR = "tensorboard"

    /** TensorBoard reads a file as events when its name contains this. */
    const val FILE_PREFIX = "events.out.tfevents."

    /** The event file of the cell in [cellDir] that started at [startSeconds] on [host]. */
    fun eventFile(cellDir: Path, startSeconds: Double, host: String?): Path {
        val safeHost = (host ?: localHost).replace(Regex("[^A-Za-z0-9._-]"), "_")
        return cellDir.resolve(DIR).resolve(FILE_PREFIX + String.format(Locale.ROOT, "%010d", startSeconds.toLong()) + ".$safeHost")
    }

    /** The event files in [cellDir]'s tensorboard folder, by name. */
    fun eventFiles(cellDir: Path): List<Path> {
        val dir = cellDir.resolve(DIR)
        if (!dir.isDirectory()) return emptyList()
        return Files.list(dir).use { s -> s.filter { it.name.startsWith(FILE_PREFIX) }.toList() }.sortedBy { it.name }
    }

    /** Deletes the cell's event files other than [keep]; other files in the folder are not the workbench's. */
    fun deleteEventFiles(cellDir: Path, keep: Path? = null) {
        eventFiles(cellDir).filter { it != keep }.forEach(Files::deleteIfExists)
    }

    /**
     * The cell's start in seconds since the epoch: its status's `startedAt`, else [fallback] (a cell recorded
     * without one).
     */
    fun startSeconds(status: CellStatus?, fallback: () -> Double): Double =
        status?.startedAt?.let(::epochSeconds) ?: fallback()

    /** An ISO-8601 instant as seconds since the epoch; null when it does not parse. */
    fun epochSeconds(iso: String): Double? = runCatching {
        val t = Instant.parse(iso)
        t.epochSecond + t.nano / 1e9
    }.getOrNull()

    private val localHost: String by lazy { runCatching { InetAddress.getLocalHost().hostName }.getOrDefault("unknown") }
}
