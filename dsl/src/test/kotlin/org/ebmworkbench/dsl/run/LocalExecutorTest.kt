package org.ebmworkbench.dsl.run

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldEndWith
import org.ebmworkbench.dsl.spec.buildExperiment
import org.ebmworkbench.dsl.spec.csv
import org.ebmworkbench.dsl.spec.quadratic
import org.ebmworkbench.dsl.spec.energyDiscrepancy
import org.ebmworkbench.dsl.spec.mlp
import org.ebmworkbench.dsl.spec.normal1d
import org.ebmworkbench.dsl.spec.testLogLikelihoodGrid
import org.ebmworkbench.dsl.spec.uniformBox
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.MetricsTable
import org.ebmworkbench.reports.records.RunRecords
import io.kotest.matchers.longs.shouldBeInRange
import java.nio.file.Files

/** Cells in their own JVMs: outcomes and reasons recorded per cell, logs kept, the grid never stops for one cell. */
class LocalExecutorTest : FunSpec({
    test("a failing, a diverging and an out-of-memory cell are recorded with their reasons; the others finish") {
        val runs = tempdir().toPath()
        val huge = tempdir().toPath().resolve("huge.csv")
        Files.writeString(huge, "x\n" + (0 until 100).joinToString("\n") { if (it % 2 == 0) "1e20" else "-1e20" } + "\n")
        val spec = buildExperiment("executor") {
            // On the CSV's points at ±1e20 the quadratic energy is ~1e40, beyond float32: Inf at the first step.
            datasets(normal1d(n = 500, nTest = 200), csv(huge.toString(), testFraction = 0.2))
            energy = quadratic()
            proposal = uniformBox(listOf(-1.0), listOf(1.0))
            objective = energyDiscrepancy()
            train { steps = 30; batch = 64; evaluateEvery = 30; logEvery = 10 }
            metrics(testLogLikelihoodGrid(box = 6.0, resolution = 100, selfCheck = false))
            method("plain") { }
            method("oom") { energy = mlp(400_000, 400_000) } // 1.6e11 weights: 640 GB
            method("fails") { proposal = uniformBox(listOf(0.0, 0.0), listOf(1.0, 1.0)) } // a 2-D proposal for 1-D data
        }
        val executor = LocalExecutor(workers = 2, device = "cpu", threadsPerCell = 1)
        val outcomes = ExperimentRunner(runs, executor).run(spec).associateBy { "${it.status.dataset}/${it.status.method}" }
        outcomes.size shouldBe 6
        withClue(outcomes.values.joinToString("\n") { "${it.status.dataset}/${it.status.method}: ${it.status.state} ${it.status.error}" }) {
            outcomes.getValue("normal_1d/plain").status.state shouldBe CellState.DONE
            outcomes.getValue("huge/plain").status.state shouldBe CellState.DIVERGED
            outcomes.getValue("huge/plain").status.error.shouldNotBeNull() shouldContain "non-finite loss at step 1"
            for (data in listOf("normal_1d", "huge")) {
                outcomes.getValue("$data/oom").status.state shouldBe CellState.FAILED
                outcomes.getValue("$data/oom").status.error.shouldNotBeNull().lowercase() shouldContain "memory"
                outcomes.getValue("$data/fails").status.state shouldBe CellState.FAILED
                outcomes.getValue("$data/fails").status.error.shouldNotBeNull() shouldContain "dimension"
            }
        }
        for (o in outcomes.values) {
            val log = runs.resolve("executor").resolve(o.cellId).resolve(LocalExecutor.LOG_FILE)
            Files.size(log).toInt() shouldBeGreaterThan 0
        }
        // A second run finds the done and diverged cells and reruns only the failed ones.
        val again = ExperimentRunner(runs, executor).run(spec).associateBy { "${it.status.dataset}/${it.status.method}" }
        again.getValue("normal_1d/plain").reused shouldBe true
        again.getValue("huge/plain").reused shouldBe true
        again.getValue("huge/fails").reused shouldBe false
    }

    test("stopped at random points: the running cell records its last completed step, the queued ones stay pending") {
        val random = java.util.Random(18)
        repeat(2) { trial ->
            val runs = tempdir().toPath()
            val spec = buildExperiment("stopped") {
                datasets(normal1d(n = 200, nTest = 100))
                seeds(0, 1, 2)
                energy = mlp(8)
                objective = energyDiscrepancy()
                train { steps = 1_000_000; batch = 32; logEvery = 7; evaluateEvery = 1_000_000 }
                metrics(testLogLikelihoodGrid(resolution = 20))
            }
            val executor = LocalExecutor(workers = 1, device = "cpu", threadsPerCell = 1)
            val delay = 2_000L + random.nextInt(4_000)
            val stopper = object : ExecutionListener {
                override fun cellStarted(job: CellJob) {
                    Thread { Thread.sleep(delay); executor.stop() }.start()
                }
            }
            val ran = ExperimentRunner(runs, executor).run(spec, stopper)
            val dirs = spec.cells().map { runs.resolve("stopped").resolve(it.id) }
            val states = dirs.map { RunRecords.readStatus(it).shouldNotBeNull() }
            withClue("trial $trial, stopped after $delay ms: ${states.map { "${it.state} ${it.step}" }}") {
                ran.size shouldBe 1
                states[0].state shouldBe CellState.INTERRUPTED
                states.drop(1).forEach { it.state shouldBe CellState.PENDING }
                // Rows are logged every 7 steps, and the cell stops between two of them. On a loaded machine the stop
                // can come before the cell's JVM has started training, and then there is no metrics.csv yet.
                val csv = dirs[0].resolve("metrics.csv")
                val lastRow = if (!Files.exists(csv)) 0L else MetricsTable.read(csv).column("step")?.lastOrNull()?.toLong() ?: 0L
                (states[0].step - lastRow) shouldBeInRange 0L..6L
            }
        }
    }

    test("cells share the cores: cores / workers PyTorch threads each, all of them for a lone cell") {
        // The cell command is a shell that records its arguments and the OpenMP setting, then exits without a status.
        fun threadsGiven(workers: Int, cells: Int): List<String> {
            val runs = tempdir().toPath()
            val spec = buildExperiment("threads") {
                datasets(normal1d(n = 100, nTest = 100))
                seeds(0 until cells)
                energy = quadratic()
                objective = energyDiscrepancy()
                train { steps = 1 }
            }
            val record = listOf("sh", "-c", "echo \"$* OMP=\$OMP_NUM_THREADS\" > \"$(dirname \"$2\")/args\"; exit 3", "sh")
            ExperimentRunner(runs, LocalExecutor(workers, "cpu", cellCommand = record)).run(spec)
            return Files.list(runs.resolve("threads")).use { dirs ->
                dirs.filter { Files.isDirectory(it) }.map { Files.readString(it.resolve("args")).trim() }.toList()
            }
        }
        val cores = Runtime.getRuntime().availableProcessors()
        threadsGiven(workers = cores, cells = 1).single().let {
            it shouldContain "--threads $cores "
            it shouldEndWith "OMP=$cores"
        }
        val shared = maxOf(1, cores / 2)
        threadsGiven(workers = 2, cells = 3).forEach {
            it shouldContain "--threads $shared "
            it shouldEndWith "OMP=$shared"
        }
    }
})

private fun <T> withClue(clue: String, block: () -> T): T = io.kotest.assertions.withClue(clue, block)
