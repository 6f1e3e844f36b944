package org.ebmworkbench.dsl.spec

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/** `method`, `vary` and `zip` expand into the documented product, inherit settings, and fail clearly. */
class GridTest : FunSpec({
    fun base(block: ExperimentBuilder.() -> Unit) = buildExperiment("grid") {
        datasets(gaussians25(), checkerboard())
        seeds(0, 1)
        energy = mlp(16)
        train { steps = 100; optimizer = adam(lr = 1e-3) }
        block()
    }

    test("methods form one axis; cells are datasets × settings × seeds, dataset-major") {
        val spec = base {
            method("snl") { objective = snl() }
            method("ed") { objective = energyDiscrepancy() }
        }
        spec.variants.map { it.label } shouldContainExactly listOf("snl", "ed")
        spec.cells().map { "${it.dataset.label}/${it.method}/${it.seed}" } shouldContainExactly listOf(
            "25gaussians/snl/0", "25gaussians/snl/1", "25gaussians/ed/0", "25gaussians/ed/1",
            "checkerboard/snl/0", "checkerboard/snl/1", "checkerboard/ed/0", "checkerboard/ed/1",
        ).map { it.replace("25gaussians", gaussians25().label) }
    }

    test("sibling axes multiply, a nested vary varies only its branch, and values are typed") {
        val spec = base {
            objective = energyDiscrepancy()
            vary("t" to listOf(0.0025, 1.0, 2500.0), "m" to listOf(1, 4, 32), "w" to listOf(0.0, 1.0)) { t, m, w ->
                objective = energyDiscrepancy(t = t, m = m, w = w)
            }
        }
        spec.variants shouldHaveSize 18
        spec.variants.first().labels shouldBe mapOf("t" to "0.0025", "m" to "1", "w" to "0")
        spec.variants.first().objective shouldBe energyDiscrepancy(t = 0.0025, m = 1, w = 0.0)
        spec.variants.last().label shouldBe "ed t=2500 m=32 w=1"

        val nested = base {
            method("snl") { objective = snl(); vary("samples", 8, 32) { n -> objective = snl(proposalSamples = n) } }
            method("cd") { objective = contrastiveDivergence() }
            vary("lr", 1e-3, 1e-4) { lr -> train { optimizer = adam(lr = lr) } }
        }
        nested.variants.map { it.label } shouldContainExactly listOf(
            "snl samples=8 lr=0.001", "snl samples=8 lr=1.0E-4", "snl samples=32 lr=0.001", "snl samples=32 lr=1.0E-4",
            "cd lr=0.001", "cd lr=1.0E-4",
        )
        nested.variants[1].objective shouldBe snl(proposalSamples = 8)
        nested.variants[1].training.optimizer.lr shouldBe 1e-4
    }

    test("zip varies parameters together and rejects lists of different lengths") {
        val spec = base {
            objective = snl()
            zip("batch" to listOf(64, 256), "lr" to listOf(1e-3, 4e-3)) { b, lr -> train { batch = b; optimizer = adam(lr = lr) } }
        }
        spec.variants.map { it.training.batch to it.training.optimizer.lr } shouldContainExactly listOf(64 to 1e-3, 256 to 4e-3)
        shouldThrow<SpecException> {
            base { objective = snl(); zip("a" to listOf(1, 2), "b" to listOf(1)) { _, _ -> } }
        }.message shouldContain "different lengths (2 and 1)"
    }

    test("a block inherits every setting of its scope, even one set after it, and train { } changes only what it sets") {
        val spec = buildExperiment("inherit") {
            datasets(checkerboard())
            method("a") { train { batch = 32 } }
            method("b") { objective = nce(); train { epochs = 3 } }
            energy = mlp(8)
            objective = snl()
            train { steps = 500; ema = 0.99 }
        }
        val (a, b) = spec.variants
        a.energy shouldBe mlp(8)
        a.objective shouldBe snl()
        a.training shouldBe TrainingSpec(steps = 500, ema = 0.99, batch = 32)
        b.objective shouldBe nce()
        b.training shouldBe TrainingSpec(epochs = 3, ema = 0.99)
    }

    test("mistakes name the setting and the parameter") {
        shouldThrow<SpecException> { base { method("x") { objective = snl() }; method("x") { objective = nce() } } }
            .message shouldContain "method(\"x\") is declared twice"
        shouldThrow<SpecException> { base { objective = snl(); vary("m", 1, 1) { } } }.message shouldContain "lists a value twice"
        shouldThrow<SpecException> { base { objective = snl(); vary("m", 1, 2) { vary("m", 3) { } } } }
            .message shouldContain "\"m\" is varied twice"
        shouldThrow<SpecException> { base { method("ed") { } } }.message shouldBe
            "experiment 'grid', setting method=ed: objective is missing, e.g. objective = snl()"
        shouldThrow<SpecException> { base { objective = snl(); vary<Int>("m") { } } }.message shouldContain "at least one value"
    }

    test("cell ids are stable across builds, differ between settings, and do not depend on declaration order") {
        fun spec(swap: Boolean) = base {
            if (swap) { method("ed") { objective = energyDiscrepancy() }; method("snl") { objective = snl() } }
            else { method("snl") { objective = snl() }; method("ed") { objective = energyDiscrepancy() } }
        }
        val ids = spec(false).cells().map { it.id }
        ids.toSet() shouldHaveSize ids.size
        spec(false).cells().map { it.id } shouldBe ids
        spec(true).cells().map { it.id }.toSet() shouldBe ids.toSet()
        // A golden id: it changes only if the canonical JSON of a cell changes, which reruns every stored cell.
        spec(false).cells().first().id shouldBe GOLDEN_ID
    }
})

private const val GOLDEN_ID = "gaussians25-snl-s0-41337e5f191e"
