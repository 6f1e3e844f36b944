package org.ebmworkbench.dsl.spec

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeIn
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotContain
import java.io.File
import java.lang.reflect.Method
import java.lang.reflect.Modifier

class CatalogueTest : FunSpec({
    /** The compiled `*Factories.kt` file classes of the spec package, found on disk so new files are included. */
    fun factoryFileClasses(): List<Class<*>> {
        val dir = File(CatalogueEntry::class.java.getResource("Catalogue.class")!!.toURI()).parentFile
        return dir.listFiles()!!.map { it.name }.filter { it.endsWith("FactoriesKt.class") }.sorted()
            .map { Class.forName("org.ebmworkbench.dsl.spec.${it.removeSuffix(".class")}") }
    }

    fun publicFunctions(c: Class<*>): List<Method> = c.declaredMethods.filter {
        Modifier.isPublic(it.modifiers) && Modifier.isStatic(it.modifiers) && !it.isSynthetic && !it.name.endsWith("\$default")
    }

    val files = factoryFileClasses()

    test("the factory files are found") {
        files.map { it.simpleName } shouldContainExactly
            listOf("DatasetFactoriesKt", "ModelFactoriesKt", "ObjectiveFactoriesKt", "SamplerFactoriesKt", "TrainingFactoriesKt")
    }

    test("every factory function has a catalogue entry, one per overload") {
        val functions = files.flatMap(::publicFunctions).filterNot { it.parameterCount == 0 && it.name.startsWith("get") }
        functions.shouldNotBeEmpty()
        for ((name, overloads) in functions.groupBy { it.name }) {
            val entries = Catalogue.entries.filter { it.name.startsWith("$name(") }
            withClue(name) { entries.size shouldBe overloads.size }
        }
        Catalogue.entries.map { it.name.substringBefore('(') }.toSet() shouldBe functions.map { it.name }.toSet()
    }

    test("every DSL value (activation, covariance) is named in some entry") {
        val values = files.flatMap(::publicFunctions).filter { it.parameterCount == 0 && it.name.startsWith("get") }
            .map { it.name.removePrefix("get").replaceFirstChar(Char::lowercase) }
        values.shouldNotBeEmpty()
        values.forEach { v -> withClue(v) { Catalogue.entries.any { Regex("\\b$v\\b").containsMatchIn(it.doc) } shouldBe true } }
    }

    test("entries are well formed") {
        Catalogue.entries.forEach { e ->
            e.category shouldBeIn listOf("objective", "sampler", "proposal", "dataset", "metric", "energy", "optimizer")
            e.doc shouldNotContain "\n"
        }
        Catalogue.entries.map { it.name }.toSet().size shouldBe Catalogue.entries.size
    }

    test("every toy kind has a dataset factory whose defaults are the spec's") {
        val toys = listOf(
            checkerboard(), gaussians25(), gaussians8(), fourCircles(), funnel(), pinwheelSnl(), pinwheelEd(),
            twoMoons(), swissRoll(), rings(), twoSpirals(), normal1d(),
        )
        toys.map { it.kind } shouldContainExactly ToyDatasetSpec.KINDS
        toys.forEach { it shouldBe ToyDatasetSpec(it.kind) }
        Catalogue.entries.count { it.category == "dataset" } shouldBe toys.size + 1
    }
})
