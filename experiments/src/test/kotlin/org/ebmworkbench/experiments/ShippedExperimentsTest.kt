package org.ebmworkbench.experiments

import ai.djl.Device
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.maps.shouldNotBeEmpty
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import org.ebmworkbench.dsl.host.ScriptHost
import org.ebmworkbench.dsl.host.ScriptLoad
import org.ebmworkbench.dsl.run.ExperimentRunner
import org.ebmworkbench.dsl.run.InProcessExecutor
import org.ebmworkbench.dsl.spec.smoke
import org.ebmworkbench.reports.html.HtmlReport
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.RunRecords
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.extension
import kotlin.io.path.listDirectoryEntries
import kotlin.io.path.name

/** Every shipped script compiles, runs in smoke mode to `done`, and yields a report with its metrics. */
class ShippedExperimentsTest : FunSpec({
    val scripts = Path.of(".").listDirectoryEntries("*.ebm.kts").sortedBy { it.name }
    val host = ScriptHost(Files.createTempDirectory("ebm-script-cache"))

    test("the experiments folder ships scripts") { scripts.shouldNotBeEmpty() }

    test("every experiment block of the README compiles and builds its spec") {
        val blocks = Regex("```kotlin\n(.*?)```", RegexOption.DOT_MATCHES_ALL).findAll(Files.readString(Path.of("../README.md")))
            .map { it.groupValues[1] }.filter { it.contains("experiment(") }.toList()
        blocks.shouldNotBeEmpty()
        for ((i, block) in blocks.withIndex()) {
            val file = Files.createTempDirectory("readme").resolve("readme-$i.ebm.kts").also { Files.writeString(it, block) }
            val loaded = host.load(file)
            withClueOf((loaded as? ScriptLoad.Failed)?.diagnostics?.joinToString("\n")) {
                loaded.shouldBeInstanceOf<ScriptLoad.Loaded>().experiments.shouldNotBeEmpty()
            }
        }
    }

    for (script in scripts) {
        test("${script.name} runs in smoke mode") {
            val loaded = host.load(script)
            loaded.shouldBeInstanceOf<ScriptLoad.Loaded>()
            val runs = Files.createTempDirectory("ebm-runs")
            val runner = ExperimentRunner(runs, InProcessExecutor(Device.cpu()))
            for (spec in loaded.experiments.map { it.smoke() }) {
                val outcomes = runner.run(spec)
                outcomes.forEach { o -> withClueOf(o.status.error) { o.status.state shouldBe CellState.DONE } }
                val report = Files.readString(HtmlReport.write(runner.experimentDir(spec)))
                val run = RunRecords.readExperiment(runner.experimentDir(spec))
                run.cells.forEach { cell ->
                    val summary = cell.summary.shouldNotBeNull()
                    summary.metrics.shouldNotBeEmpty()
                    withClueOf(summary.metrics.toString()) { summary.metrics.values.all { it.isFinite() } shouldBe true }
                    // The comparison reaches the report: every metric the cell measured is a column there.
                    summary.metrics.keys.filterNot { report.contains(it) } shouldBe emptyList()
                }
            }
        }
    }
})

private fun <T> withClueOf(clue: String?, block: () -> T): T = io.kotest.assertions.withClue(clue ?: "", block)
