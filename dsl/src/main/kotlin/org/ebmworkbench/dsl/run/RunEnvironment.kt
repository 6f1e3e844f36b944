package org.ebmworkbench.dsl.run

import ai.djl.engine.Engine
import java.net.InetAddress
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** Versions, host and git commit recorded with every cell (status.json), so a number can be traced to its code. */
object RunEnvironment {
    const val EBM_VERSION = "0.1.0-SNAPSHOT"

    val versions: Map<String, String> by lazy {
        mapOf(
            "ebm-workbench" to EBM_VERSION,
            "djl" to Engine.getDjlVersion(),
            "pytorch" to Engine.getInstance().version,
            "java" to System.getProperty("java.version"),
            "kotlin" to KotlinVersion.CURRENT.toString(),
        )
    }

    val host: String by lazy { runCatching { InetAddress.getLocalHost().hostName }.getOrDefault("unknown") }

    /** The commit of the repository holding [dir], or null outside git (a missing git is not an error). */
    fun gitCommit(dir: Path?): String? = runCatching {
        val p = ProcessBuilder("git", "rev-parse", "--short=12", "HEAD")
            .directory((dir ?: Path.of(".")).toFile()).redirectErrorStream(true).start()
        val out = p.inputStream.bufferedReader().readText().trim()
        if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) out else null
    }.getOrNull()
}
