package org.ebmworkbench.dsl.spec

import ai.djl.ndarray.NDManager
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import org.ebmworkbench.engine.data.ToyDataset
import org.ebmworkbench.engine.data.ToyDatasets
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.objective.Objective
import org.ebmworkbench.engine.perturbation.Perturbation
import org.ebmworkbench.engine.proposal.Proposal
import org.ebmworkbench.engine.sampler.GibbsSampler
import org.ebmworkbench.engine.sampler.Sampler
import java.io.File
import java.lang.reflect.Method
import java.lang.reflect.Modifier
import java.util.jar.JarFile

/** The registry ties every component together: defaults, reachability, JSON and `ebm list` all come from it. */
class ComponentsTest : FunSpec({
    /** Concrete implementations of [type] among the compiled classes of its package (a folder or a jar). */
    fun implementations(type: Class<*>): List<Class<*>> {
        val url = type.getResource("${type.simpleName}.class")!!
        val prefix = type.packageName.replace('.', '/') + "/"
        val names = if (url.protocol == "jar") {
            JarFile(url.path.substringAfter("file:").substringBefore("!")).use { jar ->
                jar.entries().toList().map { it.name }.filter { it.startsWith(prefix) && !it.substring(prefix.length).contains('/') }
                    .map { it.substring(prefix.length) }
            }
        } else {
            File(url.toURI()).parentFile.listFiles()!!.map { it.name }
        }
        return names.filter { it.endsWith(".class") }.sorted()
            .map { Class.forName("${type.packageName}.${it.removeSuffix(".class")}", false, type.classLoader) }
            .filter { type.isAssignableFrom(it) && !it.isInterface && !Modifier.isAbstract(it.modifiers) && !it.isAnonymousClass }
    }

    /** The values an engine object reports about itself: public no-argument getters of simple types, and describe(). */
    fun parameters(o: Any): Map<String, Any?> {
        fun simple(m: Method): Boolean {
            val r = m.returnType
            return r.isPrimitive || r.isEnum || r == String::class.java || r.isArray ||
                Number::class.java.isAssignableFrom(r) || r == java.lang.Boolean::class.java
        }
        return o.javaClass.methods.filter {
            it.parameterCount == 0 && it.declaringClass != Any::class.java && Modifier.isPublic(it.modifiers) &&
                !Modifier.isStatic(it.modifiers) && simple(it) && it.name !in setOf("hashCode", "toString")
        }.associate { m ->
            val v = m.invoke(o)
            m.name to if (v is IntArray) v.toList() else if (v is DoubleArray) v.toList() else if (v is FloatArray) v.toList() else v
        }
    }

    test("every factory called with no arguments builds the engine builder's default, parameter by parameter") {
        NDManager.newBaseManager().use { manager ->
            val data = ToyDatasets.byName("checkerboard").sample(300, 1L)
            val context = BuildContext(data, manager, 7L)
            val compared = Components.all.mapNotNull { type ->
                val spec = type.defaultSpec ?: return@mapNotNull null
                val context = if (type.exampleData == null && type.exampleTargetDim == 0) context
                    else BuildContext(type.exampleData ?: data, manager, 7L, type.exampleTargetDim)
                val built: Any = when (spec) {
                    is EngineSpec<*> -> spec.build(context)
                    is MetricSpec -> spec.engine()
                    else -> error("$type: a default spec that builds nothing")
                }
                val expected = type.engineDefault(context)
                withClue("$type has a no-argument factory but no engineDefault") { (expected != null) shouldBe true }
                val p = parameters(built)
                withClue("$type: no parameter to compare") { p.size shouldBeGreaterThan 0 }
                withClue("$type") {
                    built.javaClass shouldBe expected!!.javaClass
                    p shouldBe parameters(expected)
                }
                type
            }
            compared.size shouldBeGreaterThan 15
        }
    }

    test("every engine Objective, Sampler, Proposal, EnergyModel, Perturbation and ToyDataset is reachable from a script") {
        val reached = Components.all.flatMap { it.engineClasses }.toSet()
        val bases = listOf(Objective::class.java, Sampler::class.java, Proposal::class.java, EnergyModel::class.java,
            Perturbation::class.java, ToyDataset::class.java)
        for (base in bases) {
            val classes = implementations(base)
            classes.shouldNotBeEmpty()
            withClue("${base.simpleName} implementations without a registered spec") { (classes - reached).shouldBeEmpty() }
        }
        reached shouldContainAll listOf(GibbsSampler::class.java)
    }

    test("each category's JSON subtypes are exactly its registered types, with distinct serial names") {
        for (category in Category.all) {
            val names = Components.of(category).map { it.serializer.descriptor.serialName }
            withClue(category) { names.toSet().size shouldBe names.size }
        }
        Components.all.map { it.specClass }.toSet().size shouldBe Components.all.size
    }

    test("every registered type has an ebm list entry, and every toy generator a factory of the same name") {
        for (type in Components.all) withClue(type) { type.entries.shouldNotBeEmpty() }
        val factories = Class.forName("org.ebmworkbench.dsl.spec.DatasetSpecKt").methods.map { it.name }.toSet()
        for (g in ToyDatasets.all()) {
            val name = ToyDatasetSpec.Type.factoryName(g.name())
            withClue(name) { (name in factories) shouldBe true }
            val spec = Class.forName("org.ebmworkbench.dsl.spec.DatasetSpecKt")
                .getMethod(name, Int::class.java, Int::class.java).invoke(null, 5, 6) as ToyDatasetSpec
            spec shouldBe ToyDatasetSpec(g.name(), 5, 6)
        }
        Catalogue.entries.forEach { it.doc shouldNotContain "\n" }
        Catalogue.entries.map { it.name }.toSet().size shouldBe Catalogue.entries.size
        Catalogue.entries.map { it.category }.toSet() shouldContainAll
            listOf("dataset", "energy", "proposal", "objective", "sampler", "metric", "train", "optimizer", "grid")
    }

    test("the catalogue shows the engine's defaults") {
        val hmc = Catalogue.entries.single { it.name.startsWith("hmc(") }.doc
        hmc shouldContain "stepSize = ${org.ebmworkbench.engine.sampler.HmcSampler.Builder.DEFAULT_STEP_SIZE},"
        hmc shouldContain "leapfrogSteps = ${org.ebmworkbench.engine.sampler.HmcSampler.Builder.DEFAULT_LEAPFROG_STEPS}"
        val train = Catalogue.entries.single { it.category == "train" }.doc
        for (field in listOf("steps", "epochs", "batch = 128", "optimizer", "ema", "evaluateEvery = 1000", "logEvery = 100", "freshSamples")) {
            withClue(field) { train.contains(field) shouldBe true }
        }
    }

    test("gibbs is a sampler a script can use, and its JSON round-trips") {
        val cd: ObjectiveSpec = contrastiveDivergence(sampler = gibbs(steps = 3))
        val serializer = kotlinx.serialization.PolymorphicSerializer(ObjectiveSpec::class)
        val text = SpecJson.json.encodeToString(serializer, cd)
        text shouldContain "\"type\": \"gibbs\""
        SpecJson.json.decodeFromString(serializer, text) shouldBe cd
    }
})
