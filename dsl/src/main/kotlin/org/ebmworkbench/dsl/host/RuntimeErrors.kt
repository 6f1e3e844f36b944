package org.ebmworkbench.dsl.host

import org.ebmworkbench.dsl.spec.SpecException
import java.nio.file.Path

/**
 * Turns an exception thrown while a script ran into a [Diagnostic] on the script line that caused it.
 *
 * The compiled script's classes carry the script's file name as their source file, so the innermost stack
 * frame with that file name is the script line that made the failing call (e.g. `train { steps = 0 }` or
 * `mlp(0)`). The column is not in a stack trace and is left out.
 */
internal object RuntimeErrors {
    fun diagnostic(error: Throwable, script: Path): Diagnostic {
        val fileName = script.fileName.toString()
        val line = generateSequence(error) { it.cause }
            .flatMap { it.stackTrace.asSequence() }
            .firstOrNull { it.fileName == fileName && it.lineNumber > 0 }
            ?.lineNumber
        return Diagnostic(script.toString(), line, null, "error", message(error))
    }

    private fun message(error: Throwable): String = when (error) {
        is SpecException -> error.message ?: "invalid experiment spec"
        else -> "${error::class.java.name}: ${error.message ?: "(no message)"}"
    }
}
