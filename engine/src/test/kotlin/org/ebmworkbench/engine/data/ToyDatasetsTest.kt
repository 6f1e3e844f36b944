package org.ebmworkbench.engine.data

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotBeBlank
import kotlin.math.E
import kotlin.math.PI
import kotlin.math.ln

class ToyDatasetsTest : FunSpec({
    val names = listOf(
        "checkerboard", "gaussians25", "gaussians8", "four_circles", "funnel", "pinwheel_snl", "pinwheel_ed",
        "two_moons", "swiss_roll", "rings", "two_spirals", "normal_1d",
    )
    val withDensity = setOf("checkerboard", "gaussians25", "gaussians8", "four_circles", "funnel", "normal_1d")

    test("the registry lists exactly the documented names, in order, and finds each by name") {
        ToyDatasets.all().map { it.name() } shouldBe names
        for (name in names) ToyDatasets.byName(name).name() shouldBe name
    }

    test("an unknown name lists the known ones") {
        val e = shouldThrow<IllegalArgumentException> { ToyDatasets.byName("moons") }
        e.message shouldBe "unknown dataset 'moons'; known: " + names.joinToString(", ")
    }

    test("the registry list is unmodifiable") {
        shouldThrow<UnsupportedOperationException> {
            @Suppress("UNCHECKED_CAST")
            (ToyDatasets.all() as MutableList<ToyDataset>).clear()
        }
    }

    for (name in names) {
        val ds = ToyDatasets.byName(name)
        context(name) {
            // 1003 is odd and neither a multiple of 4 nor of 5, so every remainder rule is exercised.
            val n = 1003
            test("same seed gives identical data, another seed different data") {
                val a = ds.sample(n, 42L)
                a shouldBe ds.sample(n, 42L)
                a.toArray().toList() shouldBe ds.sample(n, 42L).toArray().toList()
                a shouldNotBe ds.sample(n, 43L)
            }
            test("n rows, dim() finite columns") {
                val a = ds.sample(n, 7L)
                ds.dim() shouldBe (if (name == "normal_1d") 1 else 2)
                a.size() shouldBe n
                a.dim() shouldBe ds.dim()
                a.toArray().all { it.isFinite() }.shouldBeTrue()
                ds.sample(1, 7L).size() shouldBe 1
            }
            test("a non-positive sample size is refused") {
                shouldThrow<IllegalArgumentException> { ds.sample(0, 1L) }.message shouldBe "${ds.name()}.n must be ≥ 1, was 0"
            }
            test("the description states the convention") {
                ds.description().shouldNotBeBlank()
                if (ds.dim() == 2) ds.description() shouldContain "generator"
            }
            test("density availability and optimum follow docs/methods.md §1.2") {
                ds.hasDensity() shouldBe (name in withDensity)
                ds.optimalLogLikelihood().isPresent shouldBe (name in withDensity)
                if (name !in withDensity) {
                    val e = shouldThrow<UnsupportedOperationException> { ds.logDensity(0.0, 0.0) }
                    e.message shouldContain "'$name' has no closed-form density"
                }
            }
        }
    }

    test("the listed optima are the values of docs/methods.md §1.2") {
        val expected = mapOf(
            "checkerboard" to -ln(32.0), "gaussians25" to -2.146, "gaussians8" to -2.831,
            "four_circles" to -2.873, "funnel" to -ln(2 * PI * E), "normal_1d" to -0.5 * ln(2 * PI) - 0.5,
        )
        for ((name, value) in expected) {
            withClue(name) { ToyDatasets.byName(name).optimalLogLikelihood().asDouble shouldBe value }
        }
        ToyDatasets.byName("funnel").optimalLogLikelihood().asDouble shouldBe (-2.8379 plusOrMinus 1e-4)
    }

    test("normal_1d: moments of a sample and its log-density are those of N(0, 1)") {
        val ds = ToyDatasets.byName("normal_1d")
        val x = ds.sample(100_000, 3L).toArray().map { it.toDouble() }
        val mean = x.average()
        val variance = x.sumOf { (it - mean) * (it - mean) } / (x.size - 1)
        mean shouldBe (0.0 plusOrMinus 5 * kotlin.math.sqrt(1.0 / x.size)) // 5 standard errors
        variance shouldBe (1.0 plusOrMinus 5 * kotlin.math.sqrt(2.0 / x.size))
        ds.logDensity(doubleArrayOf(0.0)) shouldBe (-0.5 * ln(2 * PI) plusOrMinus 1e-15)
        ds.logDensity(doubleArrayOf(2.0)) shouldBe (-2.0 - 0.5 * ln(2 * PI) plusOrMinus 1e-15)
        shouldThrow<IllegalArgumentException> { ds.logDensity(doubleArrayOf(0.0, 1.0)) }
    }
})
