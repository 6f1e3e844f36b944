package org.ebmworkbench.dsl.host

import java.io.OutputStream
import java.io.PrintStream

/**
 * Silences `System.err` while the embedded compiler runs: it may print environment warnings (Kotlin home,
 * logging setup) that are noise to a researcher; everything that matters about the script comes back as
 * diagnostics. Only compilation is silenced, never the script's own output. Global state, hence the lock.
 */
internal object QuietStderr {
    private val lock = Any()

    fun <T> run(block: () -> T): T = synchronized(lock) {
        val original = System.err
        System.setErr(PrintStream(OutputStream.nullOutputStream()))
        try {
            block()
        } finally {
            System.setErr(original)
        }
    }
}
