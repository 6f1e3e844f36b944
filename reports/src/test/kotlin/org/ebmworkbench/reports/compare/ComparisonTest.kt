package org.ebmworkbench.reports.compare

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import org.ebmworkbench.reports.html.GridFixtures
import org.ebmworkbench.reports.html.ReportFixtures
import org.ebmworkbench.reports.records.CellState
import org.ebmworkbench.reports.records.Direction
import org.ebmworkbench.reports.records.MetricInfo
import org.ebmworkbench.reports.records.RunRecords
import java.nio.file.Path

/** Five seeds per method; `ed` has one done seed and four failed ones. */
private fun fiveSeeds(dir: Path): Path {
    val values = mapOf(
        "snl" to listOf(-3.50, -3.52, -3.48, -3.51, -3.49),
        "nce" to listOf(-3.52, -3.50, -3.54, -3.51, -3.48),
        "cd" to listOf(-4.0, -4.1, -3.9, -4.05, -3.95),
    )
    val ids = (values.keys + "ed").flatMap { m -> (0..4).map { "$m-$it" } }
    val metrics = listOf(
        ReportFixtures.GRID_METRIC, MetricInfo("mse_log_density", Direction.LOWER, "MSE of the log-density"),
        MetricInfo("weird", null, "a metric that declares no direction"),
    )
    ReportFixtures.gridExperiment(dir, "five", ids, listOf("moons"), (0L..4L).toList(), (values.keys + "ed").map { mapOf("method" to it) }, metrics)
    for ((m, vs) in values) vs.forEachIndexed { s, v ->
        // mse_log_density: lower is better, reversed order of quality; "weird": unknown direction
        val metrics = mapOf("test_ll_grid" to v, "mse_log_density" to -v, "weird" to v)
        ReportFixtures.gridCell(dir, "$m-$s", "five", "moons", mapOf("method" to m), s.toLong(), metrics = metrics)
    }
    ReportFixtures.gridCell(dir, "ed-0", "five", "moons", mapOf("method" to "ed"), 0, metrics = mapOf("test_ll_grid" to -3.0, "mse_log_density" to 9.0, "weird" to 0.0))
    for (s in 1..4) ReportFixtures.gridCell(dir, "ed-$s", "five", "moons", mapOf("method" to "ed"), s.toLong(), CellState.FAILED, error = "boom $s")
    return dir
}

class ComparisonTest : FunSpec({
    val c = Comparison.of(RunRecords.readExperiment(fiveSeeds(tempdir().toPath())))
    fun entry(method: String, metric: String) = c.entry(c.rows.single { it.label == method }, c.columns.indexOfFirst { it.metric == metric })

    test("columns are datasets × metrics with their directions") {
        c.columns.map { it.metric } shouldBe listOf("test_ll_grid", "mse_log_density", "weird")
        c.columns.map { it.direction } shouldBe listOf(Direction.HIGHER, Direction.LOWER, null)
    }

    test("the best entry wins by its mean even with n = 1, and nothing can be tested against it") {
        val ed = entry("ed", "test_ll_grid")
        ed.best shouldBe true
        ed.counts.finite shouldBe 1
        ed.counts.failed shouldBe 4
        entry("snl", "test_ll_grid").test.shouldBeNull()
        entry("snl", "test_ll_grid").indistinguishable.shouldBeNull()
    }

    test("Welch marks entries indistinguishable from the best (values from scipy.stats.ttest_ind, equal_var=False)") {
        entry("snl", "mse_log_density").best shouldBe true
        val nce = entry("nce", "mse_log_density")
        nce.test.shouldNotBeNull().pValue shouldBe (0.44039093391445694 plusOrMinus 1e-12)
        nce.test!!.df shouldBe (7.2 plusOrMinus 1e-9)
        nce.indistinguishable shouldBe true
        val cd = entry("cd", "mse_log_density")
        cd.test!!.pValue shouldBe (9.57805221947399e-05 plusOrMinus 1e-15)
        cd.indistinguishable shouldBe false
        entry("ed", "mse_log_density").test.shouldBeNull() // n = 1
        entry("ed", "mse_log_density").best shouldBe false
    }

    test("mean, std, and a bootstrap interval only from five seeds") {
        val snl = entry("snl", "mse_log_density")
        snl.stats!!.mean shouldBe (3.5 plusOrMinus 1e-12)
        snl.stats!!.std shouldBe (0.01581138830084184 plusOrMinus 1e-12)
        snl.ci.shouldNotBeNull().low shouldBe (3.49 plusOrMinus 0.01)
        entry("ed", "test_ll_grid").ci.shouldBeNull()
    }

    test("metrics of unknown direction are not ranked") {
        c.columns.indices.last().let { j -> c.rows.none { c.entry(it, j).best } } shouldBe true
    }

    test("a partial grid: counts of diverged, failed, unfinished and not started seeds") {
        val p = Comparison.of(RunRecords.readExperiment(GridFixtures.partialGrid(tempdir().toPath())))
        fun e(row: String, dataset: String) = p.entry(p.rows.single { it.label == row }, p.columns.indexOfFirst { it.dataset == dataset })
        e("ed t=1", "checkerboard").counts.let { it.finite shouldBe 2; it.diverged shouldBe 1; it.expected shouldBe 3 }
        e("ed t=10", "checkerboard").counts.let { it.failed shouldBe 1; it.incomplete shouldBe 1; it.finite shouldBe 1 }
        e("snl", "gaussians8").counts.notStarted shouldBe 3
        e("snl", "checkerboard").best shouldBe true
        // scipy.stats.ttest_ind([-3.6, -3.7], [-3.5, -3.52, -3.48], equal_var=False): p = 0.1899 (df = 1.108)
        e("ed t=1", "checkerboard").test!!.pValue shouldBe (0.18985465114559363 plusOrMinus 1e-9)
        e("ed t=1", "checkerboard").indistinguishable shouldBe true
        p.columns.first().optimum shouldBe GridFixtures.OPTIMUM
        p.columns.last().optimum.shouldBeNull()
    }
})
