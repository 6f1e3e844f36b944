package org.ebmworkbench.dsl.bench

import ai.djl.Device
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json
import org.ebmworkbench.dsl.run.RunEnvironment
import java.time.Instant
import java.util.Locale

/** What `ebm bench` measured, and on what: written as JSON by `--json`. */
@Serializable
data class BenchResult(
    val date: String,
    val host: String,
    val device: String,
    val cores: Int,
    val pytorchThreads: Int,
    val versions: Map<String, String>,
    val measurements: List<Measurement>,
) {
    fun toJson(): String = JSON.encodeToString(serializer(), this)

    /** The table `ebm bench` prints: one row per figure, grouped, with the spread and any ratio to a reference. */
    fun table(): String = buildString {
        appendLine("ebm bench on $host: $device, $cores cores, $pytorchThreads PyTorch thread(s), " +
            "DJL ${versions["djl"]}, PyTorch ${versions["pytorch"]}, $date")
        val width = measurements.maxOf { it.name.length }
        for ((group, rows) in measurements.groupBy { it.group }) {
            appendLine()
            appendLine(group)
            for (m in rows) {
                val value = if (m.median.isNaN()) "failed" else format(m.median)
                val spread = if (m.repeats < 2) "" else String.format(Locale.ROOT, "±%.0f%% (n=%d)", 100 * m.spread, m.repeats)
                val extra = listOfNotNull(
                    m.ratio?.let { String.format(Locale.ROOT, "%.2f× the %s", it, m.reference) },
                    m.note,
                ).joinToString("; ")
                appendLine(String.format(Locale.ROOT, "  %-${width}s  %10s %-8s %-12s %s", m.name, value, m.unit, spread, extra).trimEnd())
            }
        }
    }

    companion object {
        private val JSON = Json { prettyPrint = true; encodeDefaults = true }

        fun fromJson(text: String): BenchResult = JSON.decodeFromString(serializer(), text)

        private fun format(v: Double): String = when {
            v >= 100 -> String.format(Locale.ROOT, "%.0f", v)
            v >= 10 -> String.format(Locale.ROOT, "%.1f", v)
            else -> String.format(Locale.ROOT, "%.3f", v)
        }
    }
}

/**
 * How long and how often each figure is measured: [repeats] samples per figure, training intervals of about
 * [intervalSeconds]. [quick] is the setting of the test suite: every figure, few and short samples.
 */
data class BenchSettings(
    val repeats: Int = 5,
    val intervalSeconds: Double = 1.0,
    val sizes: List<BenchSize> = listOf(BenchSize.ED_2D, BenchSize.LARGE),
    val sections: Set<BenchSection> = BenchSection.entries.toSet(),
    val objectives: Set<String>? = null,
    val discrete: DiscreteSettings = DiscreteSettings(),
) {
    companion object {
        val quick = BenchSettings(repeats = 2, intervalSeconds = 0.05, sizes = listOf(BenchSize.ED_2D),
            discrete = DiscreteSettings(chains = 8, sweeps = 4, burnIn = 1))
    }
}

/** The discrete-sampler part: [chains] chains, [sweeps] timed and traced sweeps after [burnIn] untraced ones. */
data class DiscreteSettings(val chains: Int = 128, val sweeps: Int = 50, val burnIn: Int = 20)

/** The parts of the bench, in the order they run. */
enum class BenchSection { ROOFLINE, TRAINING, MCMC, DISCRETE, EVALUATION, STARTUP }

/** Runs the chosen parts of the bench in order, reporting progress lines to [progress]. */
class Bench(private val device: Device, private val settings: BenchSettings, private val progress: (String) -> Unit) {

    fun run(): BenchResult {
        val measurements = mutableListOf<Measurement>()
        val kernels = KernelBench(device, settings.repeats)
        for (section in BenchSection.entries.filter { it in settings.sections }) {
            progress(section.name.lowercase())
            measurements += when (section) {
                BenchSection.ROOFLINE -> listOf(kernels.matmul())
                BenchSection.TRAINING -> TrainingBench(device, settings.repeats, settings.intervalSeconds, settings.objectives,
                    progress)
                    .let { t -> settings.sizes.flatMap { t.measure(it) } }
                BenchSection.MCMC -> kernels.samplers()
                BenchSection.DISCRETE -> settings.discrete.let { DiscreteBench(device, settings.repeats, it.chains, it.sweeps, it.burnIn) }
                    .measure()
                BenchSection.EVALUATION -> listOf(kernels.gridEvaluation())
                BenchSection.STARTUP -> StartupBench(settings.repeats, progress).measure()
            }
        }
        return BenchResult(
            date = Instant.now().toString(), host = RunEnvironment.host, device = device.toString(),
            cores = Runtime.getRuntime().availableProcessors(),
            pytorchThreads = System.getProperty(THREADS_PROPERTY)?.toIntOrNull() ?: Runtime.getRuntime().availableProcessors(),
            versions = RunEnvironment.versions, measurements = measurements,
        )
    }

    companion object {
        const val THREADS_PROPERTY = "ai.djl.pytorch.num_threads"
    }
}
