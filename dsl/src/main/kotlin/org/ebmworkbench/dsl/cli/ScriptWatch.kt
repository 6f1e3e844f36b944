package org.ebmworkbench.dsl.cli

import java.nio.file.Files
import java.nio.file.NoSuchFileException
import java.nio.file.Path
import java.security.MessageDigest

/**
 * `ebm run --watch`: runs [round] once, then again each time [script]'s content changes (a save that leaves the text
 * unchanged does nothing), until [stopped] says so. Content, not modification times, decides, so an editor that
 * writes through a temporary file and renames it is seen like any other. A round that fails (a compile error, a
 * bad value) has already printed why; the watch then waits for the next save.
 */
internal class ScriptWatch(
    private val script: Path,
    private val pollMillis: Long = 300,
    private val waiting: () -> Unit = {},
    private val round: () -> Unit,
) {
    fun watch(stopped: () -> Boolean) {
        var seen = contentHash()
        runRound()
        while (!stopped()) {
            Thread.sleep(pollMillis)
            val now = contentHash() ?: continue // between an editor's delete and its write
            if (now == seen) continue
            seen = now
            runRound()
        }
    }

    private fun runRound() {
        round()
        waiting()
    }

    private fun contentHash(): String? = try {
        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(script)).joinToString("") { "%02x".format(it) }
    } catch (e: NoSuchFileException) {
        null
    }
}
