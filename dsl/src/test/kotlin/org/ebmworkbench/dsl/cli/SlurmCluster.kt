package org.ebmworkbench.dsl.cli

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * The single-node Slurm cluster of the tests, started by the repository's `.ci/slurm-up` (the script CI runs too).
 * [conf] is its slurm.conf (export it as `SLURM_CONF`); [problem] says why there is none.
 */
internal object SlurmCluster {
    /** Set (`EBM_REQUIRE_SLURM=1`, as in CI) to make a cluster that cannot start a failure instead of a skip. */
    const val REQUIRE_ENV = "EBM_REQUIRE_SLURM"

    val required: Boolean get() = System.getenv(REQUIRE_ENV) == "1"

    private val started: Result<Path> by lazy { runCatching { start() } }

    val conf: Path? get() = started.getOrNull()

    val problem: String? get() = started.exceptionOrNull()?.message

    private fun start(): Path {
        val script = generateSequence(Path.of("").toAbsolutePath()) { it.parent }
            .map { it.resolve(".ci/slurm-up") }.firstOrNull { Files.isExecutable(it) }
            ?: error("no .ci/slurm-up above ${Path.of("").toAbsolutePath()}")
        val process = ProcessBuilder(script.toString()).redirectErrorStream(true).start()
        val output = process.inputStream.bufferedReader().readText()
        check(process.waitFor(120, TimeUnit.SECONDS)) { "$script did not finish in 120 s" }
        check(process.exitValue() == 0) { "the Slurm daemons could not start: ${output.trim()}" }
        return Path.of(output.trim().lines().last())
    }
}
