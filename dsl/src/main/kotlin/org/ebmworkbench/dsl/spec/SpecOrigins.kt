package org.ebmworkbench.dsl.spec

/**
 * Where a script set each value: the line of the innermost stack frame in the script's file at the moment a builder
 * received the value. Recorded only while [recording] runs a script (elsewhere [record] costs one thread-local read),
 * looked up by value, so equal values set on two lines report the first. `ebm check` uses it to put an engine's
 * complaint about a value on the line that wrote it.
 */
class SpecOrigins private constructor(private val fileName: String) {
    private val lines = HashMap<Any, Int>()

    /** The script line that set [key] (a spec value, or a `TrainingSpec to "field"` pair), if recorded. */
    fun line(key: Any): Int? = lines[key]

    private fun currentLine(): Int? = StackWalker.getInstance().walk { frames ->
        frames.filter { it.fileName == fileName && it.lineNumber > 0 }.findFirst().map { it.lineNumber }.orElse(null)
    }

    companion object {
        private val active = ThreadLocal<SpecOrigins?>()

        /** Runs [block] (a script's evaluation) recording the lines of the script file [fileName]. */
        fun <T> recording(fileName: String, block: () -> T): Pair<T, SpecOrigins> {
            val origins = SpecOrigins(fileName)
            val previous = active.get()
            active.set(origins)
            try {
                return block() to origins
            } finally {
                active.set(previous)
            }
        }

        /** Origins of nothing, for specs built in code. */
        val none: SpecOrigins get() = SpecOrigins("")

        /** The current script line, or null outside a recorded script. */
        internal fun here(): Int? = active.get()?.currentLine()

        /** Records that [key] was set on the current script line (first record wins). */
        internal fun record(key: Any?) {
            val origins = active.get() ?: return
            if (key == null || key in origins.lines) return
            origins.currentLine()?.let { origins.lines[key] = it }
        }

        /** Records that [key] was set on [line], found earlier with [here]. */
        internal fun record(key: Any, line: Int?) {
            val origins = active.get() ?: return
            if (line != null) origins.lines.putIfAbsent(key, line)
        }
    }
}
