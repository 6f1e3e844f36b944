package org.ebmworkbench.dsl.cli

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** `ebm …` as a real process on the test classpath, its output in [log], with extra [env]. */
internal fun startEbm(args: List<String>, log: Path, cacheDir: Path, env: Map<String, String> = emptyMap()): Process {
    val java = Path.of(System.getProperty("java.home"), "bin", "java").toString()
    val command = listOf(java, "-cp", System.getProperty("java.class.path"), "org.ebmworkbench.dsl.cli.MainKt") + args
    return ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .also { it.environment()["EBM_CACHE_DIR"] = cacheDir.toString(); it.environment().putAll(env) }.start()
}

/** Waits for [process] (at most [seconds]) and returns its exit code, failing with its log if it hangs. */
internal fun awaitExit(process: Process, log: Path, seconds: Long): Int {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly()
        error("ebm did not finish in $seconds s; its log:\n${Files.readString(log)}")
    }
    return process.exitValue()
}

/** The `experiment NAME: A cell(s) ran here, B reused` line of a runner's log, as (A, B). */
internal fun ranAndReused(log: Path): Pair<Int, Int> {
    val line = Regex("""cell\(s\) ran here, \d+ reused""").let { r -> Files.readAllLines(log).single { r.containsMatchIn(it) } }
    val numbers = Regex("""(\d+) cell\(s\) ran here, (\d+) reused""").find(line)!!.groupValues
    return numbers[1].toInt() to numbers[2].toInt()
}
