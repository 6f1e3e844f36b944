package org.ebmworkbench.dsl.bench

import org.ebmworkbench.dsl.run.LocalExecutor
import org.ebmworkbench.reports.records.RunRecords
import java.io.File
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.time.Instant
import java.util.concurrent.TimeUnit

/**
 * What a user waits for before training starts, measured on fresh JVMs started through the `ebm` launcher (or, when
 * the bench runs outside it, as `ebm` would start them: this JVM's java and classpath): the JVM with the workbench
 * loaded (`ebm list`); a script compile with an empty cache (cold) and with the cache filled (cached), both through
 * `ebm check`; and a cached `ebm run` of a one-step, one-cell experiment, timed until its cell starts training (the
 * start-up a run adds) and to the end (records, cell exit and report included).
 */
class StartupBench(private val repeats: Int, private val progress: (String) -> Unit) {

    fun measure(): List<Measurement> {
        val work = Files.createTempDirectory("ebm-bench-startup")
        try {
            val script = work.resolve("bench.ebm.kts").also { Files.writeString(it, SCRIPT) }
            val cache = work.resolve("cache")
            val group = "start-up (fresh JVMs)"
            progress("  JVM start-up")
            val jvm = List(repeats) { wall(listOf("list"), work) }
            progress("  script compile, cold")
            val cold = List(maxOf(2, repeats / 2)) { i ->
                wall(listOf("check", script.toString()), work, cache.resolve("cold-$i"))
            }
            progress("  script compile, cached")
            wall(listOf("check", script.toString()), work, cache.resolve("warm"))
            val cached = List(repeats) { wall(listOf("check", script.toString()), work, cache.resolve("warm")) }
            progress("  cached ebm run of a 1-step cell")
            val runs = List(repeats) { i ->
                val out = work.resolve("runs-$i")
                val launched = Instant.now()
                val total = wall(listOf("run", script.toString(), "--workers", "1", "--device", "cpu", "--out", out.toString()),
                    work, cache.resolve("warm"))
                val cellDir = Files.list(out.resolve("bench-startup")).use { d -> d.filter { Files.isDirectory(it) }.toList() }.single()
                val started = Instant.parse(RunRecords.readStatus(cellDir)!!.startedAt!!)
                total to Duration.between(launched, started).toNanos() / 1e9
            }
            return listOf(
                Measurement.of(group, "JVM start-up (ebm list)", "s", jvm),
                Measurement.of(group, "script compile, cold (ebm check)", "s", cold, note = "JVM start-up included"),
                Measurement.of(group, "script compile, cached (ebm check)", "s", cached, note = "JVM start-up included"),
                Measurement.of(group, "cached ebm run until the cell trains", "s", runs.map { it.second },
                    note = "runner JVM, cached script, cell JVM with PyTorch loaded: the start-up a run adds"),
                Measurement.of(group, "cached ebm run, 1 cell of 1 step", "s", runs.map { it.first },
                    note = "everything: start-up, records, cell exit and report"),
            )
        } finally {
            work.toFile().deleteRecursively()
        }
    }

    /** Wall seconds of `ebm ARGS` in a fresh JVM; a failure is an error, since its time would mean nothing. */
    private fun wall(args: List<String>, dir: Path, cacheDir: Path? = null): Double {
        val log = dir.resolve("process.log").toFile()
        val builder = ProcessBuilder(command() + args).directory(dir.toFile())
            .redirectErrorStream(true).redirectOutput(log)
        cacheDir?.let { builder.environment()["EBM_CACHE_DIR"] = it.toString() }
        val start = System.nanoTime()
        val process = builder.start()
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly()
            error("bench: `ebm ${args.joinToString(" ")}` took over $TIMEOUT_MINUTES minutes")
        }
        val seconds = (System.nanoTime() - start) / 1e9
        check(process.exitValue() == 0) {
            "bench: `ebm ${args.joinToString(" ")}` exited with ${process.exitValue()}:\n${log.readText().takeLast(2000)}"
        }
        return seconds
    }

    /** The `ebm` launcher that started this JVM (system property `ebm.launcher`), else this JVM's java and classpath. */
    private fun command(): List<String> =
        System.getProperty("ebm.launcher")?.takeIf { File(it).canExecute() }?.let { listOf(it) }
            ?: LocalExecutor.defaultCellCommand()

    private companion object {
        const val TIMEOUT_MINUTES = 5L

        /** A script of the quickstart's size; its one cell trains a single step. */
        val SCRIPT = """
            experiment("bench-startup") {
                datasets(gaussians25(n = 1_000, nTest = 1_000))
                seeds(0)
                energy = mlp(16, 16, activation = softplus)
                proposal = gaussian()
                objective = energyDiscrepancy(t = 1.0, m = 4, w = 1.0)
                train { steps = 1; batch = 128; optimizer = adam(lr = 1e-3); logEvery = 1; evaluateEvery = 1 }
            }
        """.trimIndent()
    }
}
