package org.ebmworkbench.dsl.host

import kotlinx.serialization.Serializable
import org.ebmworkbench.dsl.spec.ExperimentSpec
import org.ebmworkbench.dsl.spec.SpecOrigins

/**
 * A message about a script, located as precisely as known. [toString] is the `file:line:col: message` form
 * the CLI prints (and IDEs and terminals turn into links); missing parts are left out, giving
 * `file:line: message` or `file: message`.
 *
 * @property severity `error` or `warning`.
 */
@Serializable
data class Diagnostic(
    val file: String,
    val line: Int?,
    val column: Int?,
    val severity: String,
    val message: String,
) {
    override fun toString(): String = buildString {
        append(file)
        if (line != null) {
            append(':').append(line)
            if (column != null) append(':').append(column)
        }
        append(": ").append(message)
    }
}

/** The outcome of [ScriptHost.load]. */
sealed interface ScriptLoad {
    /**
     * The script compiled and ran; [experiments] are its declarations in script order, each with
     * `scriptPath` set. [fromCache] tells whether the compiled script came from the cache (no compilation);
     * [origins] the script line of each value, for `ebm check`'s messages.
     */
    data class Loaded(
        val experiments: List<ExperimentSpec>,
        val fromCache: Boolean,
        val warnings: List<Diagnostic>,
        val origins: SpecOrigins = SpecOrigins.none,
    ) : ScriptLoad

    /** The script could not be read, did not compile, or threw while running; [diagnostics] say where. */
    data class Failed(val diagnostics: List<Diagnostic>) : ScriptLoad
}
