package org.ebmworkbench.dsl.cli

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import org.ebmworkbench.dsl.spec.CsvDatasetSpec
import org.ebmworkbench.dsl.spec.buildExperiment
import org.ebmworkbench.dsl.spec.csv
import org.ebmworkbench.dsl.spec.energyDiscrepancy
import org.ebmworkbench.dsl.spec.mlp
import org.ebmworkbench.dsl.spec.normal1d
import java.nio.file.Path

/** A cell's spec names its CSV by an absolute path once submitted, so it runs the same wherever it runs. */
class SelfContainedSpecTest : FunSpec({
    test("relative CSV paths are resolved against the script's folder; absolute paths and toy data are kept") {
        val spec = buildExperiment("paths") {
            datasets(csv("data/power.csv"), csv("/abs/gas.csv"), normal1d())
            energy = mlp(8)
            objective = energyDiscrepancy()
            train { steps = 10 }
        }
        val resolved = spec.withAbsoluteDataPaths(Path.of("/shared/scripts"))
        resolved.datasets.filterIsInstance<CsvDatasetSpec>().map { it.path } shouldBe
            listOf("/shared/scripts/data/power.csv", "/abs/gas.csv")
        resolved.datasets[2] shouldBe spec.datasets[2]
        resolved.withAbsoluteDataPaths(Path.of("/elsewhere")) shouldBe resolved
        resolved.cells().map { it.dataset.label } shouldBe spec.cells().map { it.dataset.label }
        resolved.cells()[0].id shouldNotBe spec.cells()[0].id // a different file is a different cell
    }
})
