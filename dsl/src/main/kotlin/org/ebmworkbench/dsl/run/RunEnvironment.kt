package org.ebmworkbench.dsl.run

import ai.djl.engine.Engine
import org.ebmworkbench.reports.records.MachineInfo
import java.lang.management.ManagementFactory
import java.nio.file.Path
import java.net.InetAddress
import java.util.concurrent.TimeUnit

/**
 * Versions, host, machine and git commits recorded with every cell (status.json), so a number can be traced to the
 * code and the machine that made it.
 */
object RunEnvironment {
    const val EBM_VERSION = "0.1.0-SNAPSHOT"

    val versions: Map<String, String> by lazy {
        mapOf(
            "ebm-workbench" to EBM_VERSION,
            "ebm-workbench-commit" to (workbenchCommit ?: "unknown"),
            "djl" to Engine.getDjlVersion(),
            "pytorch" to Engine.getInstance().version,
            "java" to System.getProperty("java.version"),
            "kotlin" to KotlinVersion.CURRENT.toString(),
        )
    }

    /** Cores, physical memory (when the JVM can tell) and operating system of this machine. */
    val machine: MachineInfo by lazy {
        val memory = (ManagementFactory.getOperatingSystemMXBean() as? com.sun.management.OperatingSystemMXBean)?.totalMemorySize
        MachineInfo(
            Runtime.getRuntime().availableProcessors(), memory,
            "${System.getProperty("os.name")} ${System.getProperty("os.version")} (${System.getProperty("os.arch")})",
        )
    }

    val host: String by lazy { runCatching { InetAddress.getLocalHost().hostName }.getOrDefault("unknown") }

    /**
     * The commit of the workbench's own checkout, found from where its classes were loaded (`dsl/target/classes` or
     * a jar in it), with `+changes` when tracked files differ from it; null when the classes are not in a checkout.
     */
    val workbenchCommit: String? by lazy {
        val classes = runCatching { Path.of(RunEnvironment::class.java.protectionDomain.codeSource.location.toURI()) }.getOrNull()
        val dir = classes?.let { if (it.toFile().isDirectory) it else it.parent }
        gitCommit(dir)?.let { commit -> if (git(dir, "status", "--porcelain", "--untracked-files=no").isNullOrEmpty()) commit else "$commit+changes" }
    }

    /** The commit of the repository holding [dir], or null outside git (a missing git is not an error). */
    fun gitCommit(dir: Path?): String? = git(dir, "rev-parse", "--short=12", "HEAD")

    /** The trimmed output of `git args` in [dir], or null when git fails or is missing. */
    private fun git(dir: Path?, vararg args: String): String? = runCatching {
        val p = ProcessBuilder(listOf("git") + args).directory((dir ?: Path.of(".")).toFile()).redirectErrorStream(true).start()
        val out = p.inputStream.bufferedReader().readText().trim()
        if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) out else null
    }.getOrNull()
}
