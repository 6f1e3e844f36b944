package org.ebmworkbench.dsl.bench

import ai.djl.ndarray.NDManager
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.ebmworkbench.engine.Devices
import kotlin.math.ln

class BenchTest : FunSpec({
    test("a figure is the median of its samples with their range") {
        val odd = Measurement.of("g", "odd", "s", listOf(3.0, 1.0, 2.0))
        odd.median shouldBe 2.0
        odd.min shouldBe 1.0
        odd.max shouldBe 3.0
        odd.spread shouldBe 0.5
        Measurement.of("g", "even", "s", listOf(4.0, 1.0, 2.0, 3.0)).median shouldBe 2.5
        rates(100, listOf(0.5, 2.0)) shouldBe listOf(200.0, 50.0)
    }

    test("the hand-written ED loop is a working ED step: loss log(m + 1) at a flat start, lower once trained") {
        // A freshly initialised MLP is nearly flat on the data's scale, so every logit E(x) − E(x⁻) is ≈ 0 and the
        // loss logsumexp of m + 1 zeros is log 5 (m = 4, w = 1). Training pushes E(x) below E(x⁻).
        NDManager.newBaseManager(Devices.select("cpu")).use { m ->
            ai.djl.engine.Engine.getInstance().setRandomSeed(3)
            ReferenceEdLoop(m, 128, 4, intArrayOf(32, 32)).use { loop ->
                loop.steps(1) shouldBe (ln(5.0) plusOrMinus 0.05)
                loop.steps(400)
                loop.steps(1) shouldBeLessThan ln(5.0) - 0.2
            }
        }
    }

    test("an unknown objective is refused by name, before anything runs") {
        val settings = BenchSettings.quick.copy(sections = setOf(BenchSection.TRAINING), objectives = setOf("ed", "edd"))
        val e = shouldThrow<IllegalArgumentException> { Bench(Devices.select("cpu"), settings) {}.run() }
        e.message shouldContain "[edd]"
        e.message shouldContain "snl"
    }

    test("the discrete part has Gibbs and GWG sweeps/s, ESS/s and ESS per evaluation on both targets, finite and positive") {
        val settings = BenchSettings.quick.copy(sections = setOf(BenchSection.DISCRETE))
        val rows = Bench(Devices.select("cpu"), settings) {}.run().measurements
        val targets = listOf("Ising D=100 σ=0.25 true J", "MLP 32-256x3-1 SiLU, seed-0 init")
        val expected = targets.flatMap { t ->
            listOf("gibbs", "gwg").flatMap { s -> listOf("$s sweeps/s, $t", "$s ESS/s, $t", "$s ESS per 1000 energy evaluations, $t") }
        }
        rows.map { it.name } shouldBe expected
        for (m in rows) withClue(m) {
            m.median.isFinite() shouldBe true
            m.min shouldBeGreaterThan 0.0
        }
        for (t in targets) {
            val gwg = rows.single { it.name == "gwg ESS/s, $t" }
            gwg.ratio.shouldNotBeNull() shouldBe (gwg.median / rows.single { it.name == gwg.reference }.median plusOrMinus 1e-12)
        }
    }

    test("a quick bench has every figure, finite and positive, ED beside its reference, and survives JSON") {
        val progress = mutableListOf<String>()
        val result = Bench(Devices.select("cpu"), BenchSettings.quick) { progress += it }.run()
        val names = result.measurements.map { it.name }
        names shouldContainAll listOf("ed", "snl", "nce", "log_is", "cd", "sm", "dsm", "ssm", "hand-written DJL ED loop",
            "langevin", "mala", "hmc", "gibbs", "grid log-likelihood 300x300", "matmul 1024x1024 float32",
            "JVM start-up (ebm list)", "script compile, cold (ebm check)", "script compile, cached (ebm check)",
            "cached ebm run until the cell trains", "cached ebm run, 1 cell of 1 step")
        for (m in result.measurements) withClue(m) {
            m.median shouldBeGreaterThan 0.0
            m.min shouldBeGreaterThan 0.0
            (m.max >= m.median && m.median >= m.min) shouldBe true
        }
        val ed = result.measurements.single { it.name == "ed" }
        ed.reference shouldBe "hand-written DJL ED loop"
        ed.ratio.shouldNotBeNull() shouldBe (ed.median / result.measurements.single { it.name == ed.reference }.median plusOrMinus 1e-12)
        // A cached compile skips the compiler, so it is faster than a cold one.
        val cold = result.measurements.single { it.name.startsWith("script compile, cold") }
        val cached = result.measurements.single { it.name.startsWith("script compile, cached") }
        cached.median shouldBeLessThan cold.median
        val untilTraining = result.measurements.single { it.name == "cached ebm run until the cell trains" }
        untilTraining.median shouldBeLessThan result.measurements.single { it.name == "cached ebm run, 1 cell of 1 step" }.median
        BenchResult.fromJson(result.toJson()) shouldBe result
        val table = result.table()
        for (name in names) table shouldContain name
        table shouldContain "× the hand-written DJL ED loop"
    }
})
