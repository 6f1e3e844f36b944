package org.ebmworkbench.dsl.run

import ai.djl.Device
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonObject
import org.ebmworkbench.dsl.spec.adam
import org.ebmworkbench.dsl.spec.buildExperiment
import org.ebmworkbench.dsl.spec.energyDiscrepancy
import org.ebmworkbench.dsl.spec.gaussians25
import org.ebmworkbench.dsl.spec.mlp
import org.ebmworkbench.dsl.spec.normal1d
import org.ebmworkbench.dsl.spec.testLogLikelihoodGrid
import org.ebmworkbench.engine.train.TrainingListener
import org.ebmworkbench.reports.html.HtmlReport
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.CellStatus
import org.ebmworkbench.reports.records.MetricsTable
import org.ebmworkbench.reports.records.RunRecords
import java.nio.file.Files
import java.nio.file.Path
import java.util.Random
import java.nio.file.attribute.PosixFilePermission
import java.nio.file.attribute.PosixFilePermissions
import kotlin.io.path.extension
import kotlin.io.path.isRegularFile

/** Step numbers tell the truth, and every JSON record is strict JSON, also for a diverged grid. */
/** The permission set of a Unix mode such as 0644. */
private fun permissions(mode: Int): Set<PosixFilePermission> =
    PosixFilePermission.values().filterIndexed { i, _ -> mode and (1 shl (8 - i)) != 0 }.toSet()

class RecordTruthTest : FunSpec({
    val number = Regex("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")

    /** Fails on anything a strict JSON reader refuses; kotlinx's own parser accepts bare NaN as a literal. */
    fun strict(e: JsonElement, path: String) {
        when (e) {
            is JsonObject -> e.forEach { (k, v) -> strict(v, "$path.$k") }
            is JsonArray -> e.forEachIndexed { i, v -> strict(v, "$path[$i]") }
            JsonNull -> Unit
            is JsonPrimitive -> if (!e.isString) withClue(path) {
                (e.content in setOf("true", "false") || number.matches(e.content)) shouldBe true
            }
        }
    }

    fun jsonFiles(dir: Path): List<Path> =
        Files.walk(dir).use { s -> s.filter { it.isRegularFile() && it.extension == "json" }.toList() }

    test("a diverged grid: step and finalStep are the first bad step; every record is strict JSON, NaN as null") {
        val spec = buildExperiment("diverged") {
            datasets(gaussians25(n = 200, nTest = 200))
            energy = mlp(8)
            objective = energyDiscrepancy()
            train { steps = 20; batch = 32; optimizer = adam(lr = 1e30) }
            metrics(testLogLikelihoodGrid(resolution = 20))
        }
        val runs = Files.createTempDirectory("diverged")
        val outcome = ExperimentRunner(runs, InProcessExecutor(Device.cpu())).run(spec).single()
        val status = outcome.status
        status.state shouldBe CellState.DIVERGED
        status.step shouldBe status.divergedAtStep
        status.step shouldBeLessThan 20L
        val dir = runs.resolve("diverged")
        val summary = RunRecords.readCell(dir.resolve(outcome.cellId), mutableListOf()).summary!!
        summary.finalStep shouldBe status.step
        summary.metrics.getValue("test_ll_grid").isNaN() shouldBe true
        status.nonFinite.getValue("test_ll_grid") shouldContain "diverged at step ${status.step}"
        HtmlReport.write(dir)
        val files = jsonFiles(dir)
        files.size shouldBeGreaterThan 4 // experiment, spec, status, summary, comparison
        for (f in files) withClue(f) { strict(Json.parseToJsonElement(Files.readString(f)), f.fileName.toString()) }
        // Every file, checkpoints and report included, gets the user's umask (not 0600), so others can read it.
        val umask = ProcessBuilder("sh", "-c", "umask").start().inputStream.bufferedReader().readText().trim().toInt(8)
        val expected = PosixFilePermissions.toString(permissions(0b110_110_110 and umask.inv()))
        Files.walk(dir).use { s -> s.filter { it.isRegularFile() }.toList() }.forEach { f ->
            withClue(f) { PosixFilePermissions.toString(Files.getPosixFilePermissions(f)) shouldBe expected }
        }
        val raw = Json.parseToJsonElement(Files.readString(dir.resolve(outcome.cellId).resolve("summary.json")))
        raw.jsonObject.getValue("metrics").jsonObject.getValue("test_ll_grid") shouldBe JsonNull
    }

    test("a cell interrupted at random points records the last step it completed") {
        val cell = buildExperiment("interrupted") {
            datasets(normal1d(n = 200, nTest = 100))
            energy = mlp(8)
            objective = energyDiscrepancy()
            train { steps = 1_000_000; batch = 32; logEvery = 1; evaluateEvery = 1_000_000 }
            metrics(testLogLikelihoodGrid(resolution = 20))
        }.cells().single()
        val random = Random(18)
        val statuses = (0 until 6).map { trial ->
            val dir = Files.createTempDirectory("interrupted-$trial")
            var lastSeen = 0L
            val seen = object : TrainingListener {
                override fun onLog(step: Long, totalSteps: Long, wallSeconds: Double, values: Map<String, Double>) {
                    lastSeen = step
                }
            }
            var status: CellStatus? = null
            val worker = Thread { status = CellRunner(cell, dir, Device.cpu(), null, seen).run() }
            worker.start()
            Thread.sleep(random.nextInt(1500).toLong())
            worker.interrupt()
            worker.join()
            val recorded = RunRecords.readStatus(dir)!!
            withClue("trial $trial") {
                recorded.copy(updatedAt = null) shouldBe status!!.copy(updatedAt = null)
                recorded.state shouldBe CellState.INTERRUPTED
                recorded.step shouldBe lastSeen
                MetricsTable.read(dir.resolve("metrics.csv")).column("step")?.lastOrNull()?.toLong()
                    ?.let { it shouldBe recorded.step }
            }
            recorded
        }
        statuses.filter { it.step > 0 }.shouldNotBeEmpty()
    }
})
