package org.ebmworkbench.dsl.spec

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldMatch

class ExperimentSpecTest : FunSpec({
    val json = SpecJson.json

    test("JSON round trip preserves a spec that uses every sealed subtype") {
        for (spec in Fixtures.everySubtype + Fixtures.quickstart.copy(scriptPath = "x.ebm.kts")) {
            val text = json.encodeToString(ExperimentSpec.serializer(), spec)
            json.decodeFromString(ExperimentSpec.serializer(), text) shouldBe spec
        }
        val text = json.encodeToString(ExperimentSpec.serializer(), Fixtures.everySubtype[0])
        listOf("\"type\": \"toy\"", "\"type\": \"csv\"", "\"type\": \"mlp\"", "\"type\": \"gaussian_fitted\"",
            "\"type\": \"snl\"", "\"type\": \"test_ll_grid\"", "\"type\": \"test_ll_is\"", "\"activation\": \"leaky_relu\"",
        ).forEach { text shouldContain it }
    }

    test("cells are datasets × seeds, dataset-major") {
        val cells = Fixtures.everySubtype[0].cells()
        cells.map { it.dataset.label to it.seed } shouldContainExactly listOf(
            "four_circles" to 3L, "four_circles" to 4L, "power" to 3L, "power" to 4L,
        )
    }

    test("cell ids are readable, stable, and survive a JSON round trip") {
        val cells = Fixtures.quickstart.cells()
        cells shouldHaveSize 2
        cells.forEach { it.id shouldMatch Regex("[a-z0-9_-]+-snl-s0-[0-9a-f]{12}") }
        cells[0].id shouldMatch Regex("checkerboard-snl-s0-[0-9a-f]{12}")
        cells[0].id shouldNotBe cells[1].id
        Fixtures.quickstart.cells().map { it.id } shouldBe cells.map { it.id }
        cells.forEach { cell ->
            val decoded = json.decodeFromString(CellSpec.serializer(), json.encodeToString(CellSpec.serializer(), cell))
            decoded.id shouldBe cell.id
        }
        Fixtures.quickstart.copy(scriptPath = "elsewhere.ebm.kts").cells().map { it.id } shouldBe cells.map { it.id }
    }

    test("the id of a cell changes when any single value changes") {
        for (cell in Fixtures.quickstart.cells() + Fixtures.everySubtype.flatMap { it.cells() }) {
            val mutants = JsonMutations.everyLeaf(cell)
            mutants.size shouldBe JsonMutations.nonNullLeaves(cell)
            mutants.forEach { (path, mutant) ->
                withClue(path) { mutant.id shouldNotBe cell.id }
            }
        }
    }

    test("a csv label drops folders and extension and is sanitised in the id") {
        val cell = buildExperiment("csv") {
            datasets(csv("some/dir/My Data.v2.csv")); energy = mlp(4); objective = snl(); train { steps = 1 }
        }.cells().single()
        cell.dataset.label shouldBe "My Data.v2"
        cell.id shouldMatch Regex("my_data_v2-snl-s0-[0-9a-f]{12}")
    }

    test("an unknown toy kind is refused when the spec is made (also when decoded)") {
        shouldThrow<SpecException> { ToyDatasetSpec("checkerbord", 10, 10) }.message shouldContain "checkerboard"
    }

    test("a missing required part is named") {
        fun missing(block: ExperimentBuilder.() -> Unit) = shouldThrow<SpecException> { buildExperiment("e", block) }.message
        missing { energy = mlp(4); objective = snl(); train { steps = 1 } } shouldContain "datasets is missing"
        missing { datasets(rings()); objective = snl(); train { steps = 1 } } shouldContain "energy is missing"
        missing { datasets(rings()); energy = mlp(4); train { steps = 1 } } shouldContain "objective is missing"
        missing { datasets(rings()); energy = mlp(4); objective = snl() } shouldContain "train is missing"
        missing { datasets(rings()); energy = mlp(4); objective = snl(); train { steps = 1; epochs = 1 } } shouldContain
            "set exactly one"
        missing { datasets(rings(), rings()); energy = mlp(4); objective = snl(); train { steps = 1 } } shouldContain "twice"
        shouldThrow<SpecException> {
            buildExperiment("a/b") { datasets(rings()); energy = mlp(4); objective = snl(); train { steps = 1 } }
        }.message shouldContain "experiment name must match"
    }

    test("builder defaults are the factories' defaults") {
        val e = buildExperiment("d") { datasets(twoMoons()); energy = quadratic(); objective = snl(); train { epochs = 2 } }
        e.seeds shouldBe listOf(0L)
        val v = e.variants.single()
        v.labels shouldBe emptyMap()
        v.proposal shouldBe gaussian()
        v.metrics shouldBe emptyList()
        v.training shouldBe TrainingSpec(epochs = 2)
        v.training.optimizer shouldBe adam()
        buildExperiment("r") { datasets(rings()); energy = quadratic(); objective = snl(); seeds(0 until 3); train { steps = 1 } }
            .seeds shouldBe listOf(0L, 1L, 2L)
    }
})
