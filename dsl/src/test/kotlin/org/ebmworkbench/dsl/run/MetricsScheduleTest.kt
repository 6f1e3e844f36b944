package org.ebmworkbench.dsl.run

import ai.djl.Device
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import org.ebmworkbench.dsl.spec.buildExperiment
import org.ebmworkbench.dsl.spec.energyDiscrepancy
import org.ebmworkbench.dsl.spec.normal1d
import org.ebmworkbench.dsl.spec.quadratic
import org.ebmworkbench.dsl.spec.testLogLikelihoodIs
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.MetricsTable
import java.nio.file.Files

/**
 * metrics.csv has one fixed set of columns whatever the order of logging and evaluation: for every combination of
 * `steps`, `logEvery` and `evaluateEvery` below (evaluate-only steps, log-only steps, steps that are both, a final
 * step that is both or only an evaluation), the cell finishes, the header is `step, wall_seconds, loss, energy_gap,
 * test_ll_is`, and each value is present at exactly the steps where it is measured:
 * - the loss and ED's `energy_gap` at every multiple of `logEvery` and at the last step;
 * - the metric at every multiple of `evaluateEvery` before the last step, and at the last step.
 */
class MetricsScheduleTest : FunSpec({
    val stepsCases = listOf(1, 2, 3, 4, 6, 7, 12)
    val logEveryCases = listOf(1, 2, 3, 5, 100)
    val evaluateEveryCases = listOf(1, 2, 3, 5, 13)
    val runs = Files.createTempDirectory("schedule")
    var cases = 0

    for (steps in stepsCases) {
        test("every logEvery × evaluateEvery with $steps step(s)") {
            for (logEvery in logEveryCases) for (evaluateEvery in evaluateEveryCases) {
                withClue("steps=$steps logEvery=$logEvery evaluateEvery=$evaluateEvery") {
                    val cell = buildExperiment("schedule") {
                        datasets(normal1d(n = 64, nTest = 32))
                        energy = quadratic()
                        objective = energyDiscrepancy()
                        train {
                            this.steps = steps; batch = 16
                            this.logEvery = logEvery; this.evaluateEvery = evaluateEvery
                        }
                        metrics(testLogLikelihoodIs(samples = 64))
                    }.cells().single()
                    val dir = runs.resolve("$steps-$logEvery-$evaluateEvery")
                    CellRunner(cell, dir, Device.cpu(), null).run().state shouldBe CellState.DONE
                    val table = MetricsTable.read(dir.resolve("metrics.csv"))
                    table.columns shouldBe listOf("step", "wall_seconds", "loss", "energy_gap", "test_ll_is")
                    val logged = (1..steps).filter { it % logEvery == 0 || it == steps }
                    val evaluated = (1..steps).filter { (it % evaluateEvery == 0 && it < steps) || it == steps }
                    val rowSteps = table.column("step")!!.map { it.toInt() }
                    rowSteps shouldBe (logged + evaluated).distinct().sorted()
                    fun presentAt(column: String) = rowSteps.filterIndexed { i, _ -> !table.column(column)!![i].isNaN() }
                    presentAt("loss") shouldBe logged
                    presentAt("energy_gap") shouldBe logged
                    presentAt("test_ll_is") shouldBe evaluated
                    cases++
                }
            }
        }
    }

    test("all cases ran") {
        cases shouldBe stepsCases.size * logEveryCases.size * evaluateEveryCases.size
    }
})
