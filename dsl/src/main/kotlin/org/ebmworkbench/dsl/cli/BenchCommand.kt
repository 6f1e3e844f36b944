package org.ebmworkbench.dsl.cli

import com.github.ajalt.clikt.core.CliktCommand
import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.core.ProgramResult
import com.github.ajalt.clikt.parameters.options.check
import com.github.ajalt.clikt.parameters.options.convert
import com.github.ajalt.clikt.parameters.options.default
import com.github.ajalt.clikt.parameters.options.flag
import com.github.ajalt.clikt.parameters.options.option
import com.github.ajalt.clikt.parameters.types.choice
import com.github.ajalt.clikt.parameters.types.int
import com.github.ajalt.clikt.parameters.types.path
import org.ebmworkbench.dsl.bench.Bench
import org.ebmworkbench.dsl.bench.BenchSection
import org.ebmworkbench.dsl.bench.BenchSettings
import java.nio.file.Files

/** `ebm bench`: the speed of the engine on this machine, as a table and optionally JSON. */
class BenchCommand : CliktCommand(name = "bench") {
    override fun help(context: Context) =
        "Measure training steps/s of every objective (beside a hand-written DJL loop of the ED step), MCMC steps/s, " +
            "Gibbs and Gibbs-with-Gradients sweeps/s and ESS/s on the D=100 lattice Ising model and a 32-bit MLP (a sweep " +
            "= D site updates for Gibbs, D proposed flips for GWG), grid evaluation, start-up and the matrix-multiply roofline; print a table (medians over repeats, with " +
            "their spread) and optionally write JSON. Takes about 6 minutes; run it on a quiet machine."

    private val device by option("--device", help = "cpu, gpu (fails without one) or auto").choice("cpu", "gpu", "auto")
        .default("cpu")
    private val json by option("--json", help = "also write the results to this JSON file").path()
    // One thread by default: in a grid of `ebm run` each cell gets cores / workers threads and workers defaults to
    // the cores; one thread is also the steadier setting on small tensors (measured in the README).
    private val threads by option("--threads", help = "PyTorch threads (default 1, as each cell of a default `ebm run` grid)")
        .int().default(1).check("must be at least 1") { it >= 1 }
    private val repeats by option("--repeats", help = "samples per figure (default 5)").int().default(5)
        .check("must be at least 2") { it >= 2 }
    private val quick by option("--quick",
        help = "few short samples and one training size: about half a minute, for tests").flag()
    private val only by option("--only", help = "run only these parts, e.g. --only training,mcmc " +
        "(parts: ${BenchSection.entries.joinToString { it.name.lowercase() }})")
        .convert { list ->
            list.split(',').map { part ->
                BenchSection.entries.find { it.name.equals(part.trim(), ignoreCase = true) }
                    ?: fail("unknown part '$part'; expected one of ${BenchSection.entries.joinToString { it.name.lowercase() }}")
            }.toSet()
        }

    private val objectives by option("--objectives", help = "train only these objectives, e.g. --objectives ed,snl")

    override fun run() {
        // Read when the engine starts, i.e. before the first tensor.
        System.setProperty(Bench.THREADS_PROPERTY, threads.toString())
        val dev = selectDevice(device)
        val settings = (if (quick) BenchSettings.quick else BenchSettings(repeats = repeats))
            .let { s -> only?.let { s.copy(sections = it) } ?: s }
            .copy(objectives = objectives?.split(',')?.map { it.trim() }?.toSet())
        val result = try {
            Bench(dev, settings) { echo(it, err = true) }.run()
        } catch (e: IllegalArgumentException) {
            echo("error: ${e.message}", err = true)
            throw ProgramResult(2)
        }
        echo(result.table())
        json?.let { path ->
            path.toAbsolutePath().parent?.let { Files.createDirectories(it) }
            Files.writeString(path, result.toJson())
            echo("JSON: $path")
        }
    }
}
