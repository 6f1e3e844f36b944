package org.ebmworkbench.dsl.run

import ai.djl.Device
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.dsl.spec.BuildContext
import org.ebmworkbench.dsl.spec.Category
import org.ebmworkbench.dsl.spec.CellMetric
import org.ebmworkbench.dsl.spec.ComponentProvider
import org.ebmworkbench.dsl.spec.ComponentType
import org.ebmworkbench.dsl.spec.DatasetSpec
import org.ebmworkbench.dsl.spec.MetricContext
import org.ebmworkbench.dsl.spec.MetricSpec
import org.ebmworkbench.dsl.spec.buildExperiment
import org.ebmworkbench.dsl.spec.energyDiscrepancy
import org.ebmworkbench.dsl.spec.mlp
import org.ebmworkbench.dsl.spec.snl
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.reports.compare.Comparison
import org.ebmworkbench.reports.html.HtmlReport
import org.ebmworkbench.reports.records.Direction
import org.ebmworkbench.reports.records.RunRecords
import java.nio.file.Files
import java.nio.file.Path
import java.util.Random

/** A dataset type the reports have never heard of: two Gaussian blobs in the plane. */
@Serializable
@SerialName("throwaway_blobs")
data class ThrowawayDatasetSpec(val n: Int) : DatasetSpec {
    override val label get() = "blobs_throwaway"
    override val testSet get() = "the throwaway test set of $n points"
    override val knownSize get() = n

    override fun load(seed: Long, scriptDir: Path?): CellData = CellData(blobs(n, seed), blobs(n, seed + 1), null)

    private fun blobs(n: Int, seed: Long): Dataset {
        val rng = Random(seed)
        val xs = FloatArray(2 * n) { i -> (rng.nextGaussian() + if ((i / 2) % 2 == 0) 2.0 else -2.0).toFloat() }
        return Dataset.of(xs, n, 2)
    }

    object Type : ComponentType<DatasetSpec, ThrowawayDatasetSpec>(
        Category.DATASET, ThrowawayDatasetSpec::class, serializer(), "throwawayBlobs",
    ) {
        override val entries get() = listOf("throwawayBlobs(n)" to "two blobs, for the record-labels test")
        override val engineClasses get() = emptyList<Class<*>>()
    }
}

/** A metric type the reports have never heard of, lower being better: the mean energy of the test points. */
@Serializable
@SerialName("throwaway_energy")
data class ThrowawayMetricSpec(val unused: Int = 0) : MetricSpec {
    override val name get() = "throwaway_energy"
    override val direction get() = Direction.LOWER
    override val protocol get() = "the mean energy of the throwaway test points"
    override fun engine(): Any = this

    override fun bind(cell: MetricContext) = CellMetric { parameters, _ ->
        cell.energy.energy(parameters, cell.testData).mean().getFloat().toDouble()
    }

    object Type : ComponentType<MetricSpec, ThrowawayMetricSpec>(
        Category.METRIC, ThrowawayMetricSpec::class, serializer(), "throwawayEnergy",
    ) {
        override val entries get() = listOf("throwawayEnergy()" to "mean test energy, for the record-labels test")
        override val engineClasses get() = emptyList<Class<*>>()
    }
}

/** Registered through META-INF/services in the test resources, as a third-party jar would. */
class ThrowawayComponents : ComponentProvider {
    override val types get() = listOf(ThrowawayDatasetSpec.Type, ThrowawayMetricSpec.Type)
}

class RecordLabelsTest : FunSpec({
    test("a registered dataset and metric type unknown to the reports are labelled and ranked from the records") {
        val spec = buildExperiment("labels") {
            datasets(ThrowawayDatasetSpec(n = 64))
            seeds(0, 1)
            energy = mlp(8)
            metrics(ThrowawayMetricSpec())
            train { steps = 5; batch = 32 }
            method("snl") { objective = snl(proposalSamples = 16) }
            method("ed") { objective = energyDiscrepancy() }
        }
        val runs = Files.createTempDirectory("labels")
        ExperimentRunner(runs, InProcessExecutor(Device.cpu())).run(spec)
        val run = RunRecords.readExperiment(runs.resolve("labels"))
        val comparison = Comparison.of(run)

        val column = comparison.columns.single()
        column.dataset shouldBe "blobs_throwaway"
        column.metric shouldBe "throwaway_energy"
        column.direction shouldBe Direction.LOWER
        val means = comparison.rows.associate { it.label to comparison.entry(it, 0).stats!!.mean }
        means.keys shouldBe setOf("snl", "ed")
        val lowest = means.minByOrNull { it.value }!!.key
        // The two settings differ, so ranking the other way round would star the other row.
        lowest shouldNotBe means.maxByOrNull { it.value }!!.key
        comparison.rows.filter { comparison.entry(it, 0).best }.map { it.label } shouldBe listOf(lowest)

        val html = HtmlReport.render(run, "2026-01-01T00:00:00Z")
        html shouldContain "blobs_throwaway"
        html shouldContain "throwaway_energy ↓"
        html shouldContain "↓ lower is better (throwaway_energy)"
        html shouldContain "the mean energy of the throwaway test points"
        html shouldContain "the throwaway test set of 64 points"
        run.record!!.layout!!.settings.map { it.label } shouldContain "ed"
    }
})
