package org.ebmworkbench.engine.contract

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import org.ebmworkbench.engine.objective.ContrastiveDivergence
import org.ebmworkbench.engine.objective.ContrastiveDivergence.ChainInit
import org.ebmworkbench.engine.objective.Objective
import org.ebmworkbench.engine.objective.SelfNormalisedLikelihood
import org.ebmworkbench.engine.objective.SlicedScoreMatching
import org.ebmworkbench.engine.objective.SlicedScoreMatching.Projection
import org.ebmworkbench.engine.perturbation.Perturbation
import org.ebmworkbench.engine.sampler.GibbsSampler
import org.ebmworkbench.engine.sampler.MalaSampler
import org.ebmworkbench.engine.sampler.Sampler
import java.io.File
import java.lang.reflect.Modifier

/**
 * The battery covers the engine: every concrete Objective and Sampler in the compiled objective and sampler packages
 * (found on disk, so a new class is included without being named here) has a registry entry, and the variants the
 * issue names are there.
 */
class RegistryTest : FunSpec({
    /** The concrete implementations of [type] among the compiled classes of its package, nested ones included. */
    fun implementations(type: Class<*>): List<Class<*>> {
        val dir = File(type.getResource("${type.simpleName}.class")!!.toURI()).parentFile
        return dir.listFiles()!!.map { it.name }.filter { it.endsWith(".class") }.sorted()
            .map { Class.forName("${type.packageName}.${it.removeSuffix(".class")}", false, type.classLoader) }
            .filter { type.isAssignableFrom(it) && !it.isInterface && !Modifier.isAbstract(it.modifiers) && !it.isAnonymousClass }
    }

    val objectives = Registry.objectives.map { it.make() }

    test("the scan finds the implementations on disk") {
        implementations(Objective::class.java) shouldContainAll listOf(SelfNormalisedLikelihood::class.java)
        implementations(Sampler::class.java) shouldContainAll listOf(MalaSampler::class.java, GibbsSampler::class.java)
    }

    test("every Objective of the objective package is registered") {
        for (c in implementations(Objective::class.java)) withClue("${c.simpleName} has no entry in Registry.objectives") {
            objectives.any { c.isInstance(it) } shouldBe true
        }
    }

    test("every Sampler of the sampler package is registered, as a continuous or a discrete sampler") {
        val registered = Registry.samplers.map { it.contract } + Registry.discreteSamplers.map { it.contract }
        for (c in implementations(Sampler::class.java)) {
            withClue("${c.simpleName} has no entry in Registry.samplers or Registry.discreteSamplers") {
                registered.any { c.isInstance(it) } shouldBe true
            }
        }
    }

    test("every Perturbation of the perturbation package is registered") {
        val registered = Registry.perturbations.map { it.make() }
        implementations(Perturbation::class.java).shouldNotBeEmpty()
        for (c in implementations(Perturbation::class.java)) withClue("${c.simpleName} has no entry in Registry.perturbations") {
            registered.any { c.isInstance(it) } shouldBe true
        }
    }

    test("Gibbs is registered with both scans") {
        Registry.discreteSamplers.map { it.contract }.filterIsInstance<GibbsSampler>().map { it.scan() }.toSet() shouldBe
            GibbsSampler.Scan.entries.toSet()
    }

    test("each sampler entry tests one class in all its cases") {
        for (e in Registry.samplers) withClue(e.name) {
            val cases = listOf(e.gaussian.sampler, e.mixture.sampler) + e.shrinkingSteps.map(e.withStep)
            cases.map { it.javaClass }.toSet() shouldBe setOf(e.contract.javaClass)
        }
    }

    test("CD is registered with data, persistent and replay-buffer chains; SSM with Rademacher, Gaussian and VR") {
        objectives.filterIsInstance<ContrastiveDivergence>().map { it.chainInit() } shouldContainAll
            listOf(ChainInit.DATA, ChainInit.PERSISTENT, ChainInit.REPLAY_BUFFER)
        objectives.filterIsInstance<SlicedScoreMatching>().map { it.projection() to it.varianceReduced() } shouldContainAll
            listOf(Projection.RADEMACHER to false, Projection.GAUSSIAN to false, Projection.GAUSSIAN to true)
    }

    test("entry names are unique, so a failing test names one entry") {
        Registry.objectives.map { it.name }.let { it.toSet().size shouldBe it.size }
        val samplerNames = Registry.samplers.map { it.name } + Registry.discreteSamplers.map { it.name }
        samplerNames.toSet().size shouldBe samplerNames.size
        Registry.perturbations.map { it.name }.let { it.toSet().size shouldBe it.size }
    }
})
