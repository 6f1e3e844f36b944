package org.ebmworkbench.dsl.spec

import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.Shape
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.serialization.PolymorphicSerializer
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.engine.data.ToyDatasets
import org.ebmworkbench.engine.energy.BaseDistributionEnergy
import org.ebmworkbench.engine.energy.IsingEnergy
import org.ebmworkbench.engine.energy.MlpEnergy
import org.ebmworkbench.engine.energy.OneHotEnergy
import org.ebmworkbench.engine.objective.ContrastiveDivergence
import org.ebmworkbench.engine.objective.EnergyDiscrepancy
import org.ebmworkbench.engine.perturbation.BernoulliPerturbation
import org.ebmworkbench.engine.perturbation.NeighbourhoodPerturbation
import org.ebmworkbench.engine.perturbation.PoolingPerturbation
import org.ebmworkbench.engine.sampler.GibbsSampler
import org.ebmworkbench.engine.sampler.GibbsWithGradientsSampler
import java.util.SplittableRandom

/**
 * The discrete components of the DSL: energy discrepancy with a perturbation (and the Gaussian ED's JSON, which must
 * not change: cell ids hash it), the binary-data checks that `ebm check` reports, CD's noise on binary data, and the
 * discrete energies and samplers built from their specs.
 */
class DiscreteSpecsTest : FunSpec({
    val objectives = PolymorphicSerializer(ObjectiveSpec::class)

    fun binaryContext(manager: NDManager, d: Int = 6): BuildContext {
        val rng = SplittableRandom(3)
        return BuildContext(Dataset.of(FloatArray(200 * d) { if (rng.nextBoolean()) 1f else 0f }, 200, d), manager, 1L)
    }

    fun continuousContext(manager: NDManager) = BuildContext(ToyDatasets.byName("checkerboard").sample(200, 1L), manager, 1L)

    test("the Gaussian ED serialises as before, and gaussianPerturbation(t) gives that same spec") {
        SpecJson.canonical.encodeToString(objectives, energyDiscrepancy()) shouldBe """{"type":"ed","t":1.0,"m":4,"w":1.0}"""
        energyDiscrepancy(gaussianPerturbation(0.5), m = 4, w = 0.0) shouldBe energyDiscrepancy(0.5, 4, 0.0)
    }

    test("discrete ED: JSON round trip, short type per perturbation, m = 32 by default") {
        val specs = listOf(bernoulliPerturbation(0.05), gridPerturbation(), poolingPerturbation(8)).map { energyDiscrepancy(it) }
        specs.map { it.type } shouldBe listOf("ed-bernoulli", "ed-grid", "ed-pool")
        for (spec in specs) withClue(spec) {
            (spec as PerturbedEnergyDiscrepancySpec).m shouldBe EnergyDiscrepancy.Builder.DEFAULT_DISCRETE_M
            val text = SpecJson.json.encodeToString(objectives, spec)
            SpecJson.json.decodeFromString(objectives, text) shouldBe spec
        }
        SpecJson.canonical.encodeToString(objectives, specs[0]) shouldBe
            """{"type":"ed_perturbed","perturbation":{"type":"bernoulli","epsilon":0.05},"m":32,"w":1.0}"""
    }

    test("discrete ED builds the engine objective with its perturbation on binary data") {
        NDManager.newBaseManager().use { m ->
            val context = binaryContext(m)
            val bern = energyDiscrepancy(bernoulliPerturbation(0.05), m = 8, w = 0.5).build(context) as EnergyDiscrepancy
            (bern.perturbation() as BernoulliPerturbation).epsilon() shouldBe 0.05
            bern.m() shouldBe 8
            bern.w() shouldBe 0.5
            (energyDiscrepancy(gridPerturbation()).build(context) as EnergyDiscrepancy).perturbation()
                .shouldBeInstanceOf<NeighbourhoodPerturbation>()
            ((energyDiscrepancy(poolingPerturbation(3)).build(context) as EnergyDiscrepancy).perturbation() as PoolingPerturbation)
                .window() shouldBe 3
        }
    }

    test("a binary component on continuous data stops with the component and the data named") {
        NDManager.newBaseManager().use { m ->
            val context = continuousContext(m)
            val ed = shouldThrow<SpecException> { energyDiscrepancy(bernoulliPerturbation()).build(context) }
            ed.message shouldContain "energyDiscrepancy.data must be binary"
            ed.message shouldContain "bernoulliPerturbation"
            val cd = shouldThrow<SpecException> { contrastiveDivergence(sampler = gibbsWithGradients(5)).build(context) }
            cd.message shouldContain "contrastiveDivergence.data must be binary"
            cd.message shouldContain "gwg"
            shouldThrow<SpecException> { energyDiscrepancy(bernoulliPerturbation(0.9)).build(binaryContext(m)) }.message shouldBe
                "bernoulliPerturbation.epsilon must be in (0, 0.5], was 0.9"
        }
    }

    test("CD draws noise-started chains from the proposal on binary data, from the box on continuous data") {
        NDManager.newBaseManager().use { m ->
            val onBinary = contrastiveDivergence(sampler = gibbs(2), init = fromNoise).build(binaryContext(m))
            onBinary.noise() shouldBe ContrastiveDivergence.Noise.PROPOSAL
            val onContinuous = contrastiveDivergence(init = fromNoise).build(continuousContext(m))
            onContinuous.noise() shouldBe ContrastiveDivergence.Noise.BOX
        }
    }

    test("discrete samplers: gibbs with either scan, gibbsWithGradients; JSON round trip") {
        NDManager.newBaseManager().use { m ->
            val context = binaryContext(m)
            (gibbs(scan = randomScan).build(context) as GibbsSampler).scan() shouldBe GibbsSampler.Scan.RANDOM
            (gibbs().build(context) as GibbsSampler).scan() shouldBe GibbsSampler.Scan.SYSTEMATIC
            gibbsWithGradients(7).build(context).shouldBeInstanceOf<GibbsWithGradientsSampler>()
            val cd: ObjectiveSpec = contrastiveDivergence(sampler = gibbsWithGradients(7), init = persistent)
            SpecJson.json.decodeFromString(objectives, SpecJson.json.encodeToString(objectives, cd)) shouldBe cd
        }
    }

    test("discrete energies: ising(), withBaseDistribution(energy, base), oneHot(energy, categories)") {
        NDManager.newBaseManager().use { m ->
            val context = binaryContext(m, d = 5)
            (ising(0.02).build(context) as IsingEnergy).let { it.inputDim() shouldBe 5; it.initStd() shouldBe 0.02 }
            // On binary input the MLP works as it is: built for D inputs, finite energies for binary rows.
            val mlp = mlp(8, 8).build(context)
            val x = m.create(context.train.toArray(), Shape(200, 5))
            mlp.energy(mlp.initialize(m), x).isInfinite.any().getBoolean() shouldBe false
            val fixed = gaussian(mean = List(5) { 0.5 }, std = List(5) { 0.8 })
            val tilted = withBaseDistribution(mlp(8), fixed).build(context) as BaseDistributionEnergy
            tilted.inner().shouldBeInstanceOf<MlpEnergy>()
            val base = fixed.build(context)
            val params = tilted.initialize(m)
            val expected = tilted.inner().energy(params, x).sub(base.logProb(x)).toFloatArray()
            tilted.energy(params, x).toFloatArray().toList() shouldBe expected.toList()
            val categorical = oneHot(mlp(8), categories = 3).build(context) as OneHotEnergy
            categorical.inputDim() shouldBe 5
            categorical.inner().inputDim() shouldBe 15
            val energies: List<EnergySpec> = listOf(ising(), withBaseDistribution(mlp(8), gaussian()), oneHot(mlp(4), 3))
            val serializer = PolymorphicSerializer(EnergySpec::class)
            for (e in energies) SpecJson.json.decodeFromString(serializer, SpecJson.json.encodeToString(serializer, e)) shouldBe e
        }
    }
})
