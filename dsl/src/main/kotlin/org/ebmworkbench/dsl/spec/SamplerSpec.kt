package org.ebmworkbench.dsl.spec

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.ebmworkbench.engine.check.Require
import org.ebmworkbench.engine.sampler.DecoupledLangevinSampler
import org.ebmworkbench.engine.sampler.GibbsSampler
import org.ebmworkbench.engine.sampler.GibbsWithGradientsSampler
import org.ebmworkbench.engine.sampler.HmcSampler
import org.ebmworkbench.engine.sampler.LangevinSampler
import org.ebmworkbench.engine.sampler.MalaSampler
import org.ebmworkbench.engine.sampler.Sampler

// The samplers of the DSL: for each, its factory, its spec and its ComponentType, registered in Components. The
// number of steps per use is the DSL's (the engine takes it at each run) and is checked here; every other value is
// the engine builder's, default and check.

/** An MCMC sampler and how many transitions it runs per use ([steps]). */
interface SamplerSpec : EngineSpec<Sampler> {
    val steps: Int

    /** This sampler in a smoke run: at most [SMOKE_SAMPLER_STEPS] steps. */
    fun smoke(): SamplerSpec

    /** Whether the sampler is defined on binary states only, so that its objective needs binary training data. */
    val binaryStates: Boolean get() = false
}

/** The one check of a sampler's [SamplerSpec.steps]. */
private fun checkSteps(sampler: String, steps: Int) = Require.atLeast(sampler, "steps", steps.toLong(), 1)

/** Consistent Langevin; see [LangevinSpec]. */
fun langevin(
    steps: Int = 10,
    stepSize: Double = LangevinSampler.Builder.DEFAULT_STEP_SIZE,
    gradientClip: Double = 0.0,
): LangevinSpec = LangevinSpec(steps, stepSize, gradientClip)

/**
 * Langevin dynamics in the consistent form `x ← x − (h/2)∇E + √h ξ` with step [stepSize] = h; the ED 2-D CD
 * baseline uses 10 steps with h = 0.01. [gradientClip] > 0 clips every gradient entry to ±gradientClip (IGEBM's
 * ℓ∞ clip); 0 turns clipping off.
 */
@Serializable
@SerialName("langevin")
data class LangevinSpec(override val steps: Int, val stepSize: Double, val gradientClip: Double) : SamplerSpec {
    override fun build(context: BuildContext) = Type.inDslNames {
        checkSteps("langevin", steps)
        Require.nonNegative("langevin", "gradientClip", gradientClip)
        LangevinSampler.builder().optStepSize(stepSize).apply { if (gradientClip > 0) optGradientClip(gradientClip) }.build()
    }

    override fun smoke() = copy(steps = minOf(steps, SMOKE_SAMPLER_STEPS))

    object Type : ComponentType<SamplerSpec, LangevinSpec>(Category.SAMPLER, LangevinSpec::class, LangevinSpec.serializer(), "langevin") {
        override val defaultSpec get() = langevin()
        override val engineClasses = listOf(LangevinSampler::class.java)
        override fun engineDefault(context: BuildContext) = LangevinSampler.builder().build()
        override val entries get() = defaultSpec.let { l ->
            listOf(
                "langevin(steps, stepSize, gradientClip)" to
                    "Langevin x ← x − (h/2)∇E + √h ξ; steps = ${l.steps}, stepSize h = ${l.stepSize} (ED CD baseline), " +
                    "gradientClip = ${l.gradientClip} (off).",
            )
        }
    }
}

/** JEM/IGEBM decoupled Langevin; see [DecoupledLangevinSpec]. */
fun decoupledLangevin(
    steps: Int = 20,
    stepSize: Double = DecoupledLangevinSampler.Builder.DEFAULT_STEP_SIZE,
    noise: Double = DecoupledLangevinSampler.Builder.DEFAULT_NOISE,
    gradientClip: Double = 0.0,
): DecoupledLangevinSpec = DecoupledLangevinSpec(steps, stepSize, noise, gradientClip)

/**
 * The decoupled step/noise Langevin of JEM and IGEBM, `x ← x − α∇E + σ ξ` (JEM: α = 1, σ = 0.01, 20 steps);
 * not a consistent discretisation. [gradientClip] > 0 clips every gradient entry to ±gradientClip; 0 = off.
 */
@Serializable
@SerialName("decoupled_langevin")
data class DecoupledLangevinSpec(
    override val steps: Int,
    val stepSize: Double,
    val noise: Double,
    val gradientClip: Double,
) : SamplerSpec {
    override fun build(context: BuildContext) = Type.inDslNames {
        checkSteps("decoupledLangevin", steps)
        Require.nonNegative("decoupledLangevin", "gradientClip", gradientClip)
        DecoupledLangevinSampler.builder().optStepSize(stepSize).optNoise(noise)
            .apply { if (gradientClip > 0) optGradientClip(gradientClip) }.build()
    }

    override fun smoke() = copy(steps = minOf(steps, SMOKE_SAMPLER_STEPS))

    object Type : ComponentType<SamplerSpec, DecoupledLangevinSpec>(
        Category.SAMPLER, DecoupledLangevinSpec::class, DecoupledLangevinSpec.serializer(), "decoupledLangevin",
    ) {
        override val defaultSpec get() = decoupledLangevin()
        override val engineClasses = listOf(DecoupledLangevinSampler::class.java)
        override fun engineDefault(context: BuildContext) = DecoupledLangevinSampler.builder().build()
        override val entries get() = defaultSpec.let { d ->
            listOf(
                "decoupledLangevin(steps, stepSize, noise, gradientClip)" to
                    "JEM/IGEBM form x ← x − α∇E + σξ; steps = ${d.steps}, stepSize α = ${d.stepSize}, noise σ = ${d.noise} (JEM).",
            )
        }
    }
}

/** Metropolis-adjusted Langevin; see [MalaSpec]. */
fun mala(steps: Int = 10, stepSize: Double = MalaSampler.Builder.DEFAULT_STEP_SIZE): MalaSpec = MalaSpec(steps, stepSize)

/** Metropolis-adjusted Langevin: the Langevin proposal with step h plus an exact MH correction. */
@Serializable
@SerialName("mala")
data class MalaSpec(override val steps: Int, val stepSize: Double) : SamplerSpec {
    override fun build(context: BuildContext) = Type.inDslNames {
        checkSteps("mala", steps)
        MalaSampler.builder().optStepSize(stepSize).build()
    }

    override fun smoke() = copy(steps = minOf(steps, SMOKE_SAMPLER_STEPS))

    object Type : ComponentType<SamplerSpec, MalaSpec>(Category.SAMPLER, MalaSpec::class, MalaSpec.serializer(), "mala") {
        override val defaultSpec get() = mala()
        override val engineClasses = listOf(MalaSampler::class.java)
        override fun engineDefault(context: BuildContext) = MalaSampler.builder().build()
        override val entries get() = listOf(
            "mala(steps, stepSize)" to "Metropolis-adjusted Langevin; steps = ${defaultSpec.steps}, stepSize = ${defaultSpec.stepSize}.",
        )
    }
}

/** Hamiltonian Monte Carlo; see [HmcSpec]. */
fun hmc(
    steps: Int = 10,
    stepSize: Double = HmcSampler.Builder.DEFAULT_STEP_SIZE,
    leapfrogSteps: Int = HmcSampler.Builder.DEFAULT_LEAPFROG_STEPS,
): HmcSpec = HmcSpec(steps, stepSize, leapfrogSteps)

/** Hamiltonian Monte Carlo with unit mass: [leapfrogSteps] leapfrog steps of size [stepSize], then MH. */
@Serializable
@SerialName("hmc")
data class HmcSpec(override val steps: Int, val stepSize: Double, val leapfrogSteps: Int) : SamplerSpec {
    override fun build(context: BuildContext) = Type.inDslNames {
        checkSteps("hmc", steps)
        HmcSampler.builder().optStepSize(stepSize).optLeapfrogSteps(leapfrogSteps).build()
    }

    override fun smoke() = copy(steps = minOf(steps, SMOKE_SAMPLER_STEPS))

    object Type : ComponentType<SamplerSpec, HmcSpec>(Category.SAMPLER, HmcSpec::class, HmcSpec.serializer(), "hmc") {
        override val defaultSpec get() = hmc()
        override val engineClasses = listOf(HmcSampler::class.java)
        override fun engineDefault(context: BuildContext) = HmcSampler.builder().build()
        override val entries get() = defaultSpec.let { h ->
            listOf(
                "hmc(steps, stepSize, leapfrogSteps)" to
                    "Hamiltonian Monte Carlo, unit mass; steps = ${h.steps}, stepSize = ${h.stepSize}, leapfrogSteps = " +
                    "${h.leapfrogSteps} (a trajectory of length 1, Neal 2011).",
            )
        }
    }
}

/** Gibbs sampling of binary states; see [GibbsSpec]. */
fun gibbs(steps: Int = 10, scan: Scan = Scan.valueOf(GibbsSampler.Builder.DEFAULT_SCAN.name)): GibbsSpec = GibbsSpec(steps, scan)

/** The order in which Gibbs visits the sites (the engine's, by name). */
@Serializable
enum class Scan {
    /** Sites 0, 1, …, D − 1 in order. */
    @SerialName("systematic") SYSTEMATIC,

    /** D updates per step, each at a uniformly random site per chain. */
    @SerialName("random") RANDOM,
}

/** Gibbs's systematic scan, `gibbs(scan = systematicScan)`. */
val systematicScan: Scan = Scan.SYSTEMATIC

/** Gibbs's random scan, `gibbs(scan = randomScan)`. */
val randomScan: Scan = Scan.RANDOM

/**
 * Single-site Gibbs sampling of binary states x ∈ {0, 1}^D, D site updates per step: a systematic sweep (the
 * discrete-ED papers' Gibbs-CD baseline: 10 rounds) or D updates at random sites ([scan]). Binary data only: the
 * objective that runs it checks the training data once.
 */
@Serializable
@SerialName("gibbs")
data class GibbsSpec(override val steps: Int, val scan: Scan) : SamplerSpec {
    override val binaryStates: Boolean get() = true

    override fun build(context: BuildContext) = Type.inDslNames {
        checkSteps("gibbs", steps)
        GibbsSampler.builder().optScan(GibbsSampler.Scan.valueOf(scan.name)).build()
    }

    override fun smoke() = copy(steps = minOf(steps, SMOKE_SAMPLER_STEPS))

    object Type : ComponentType<SamplerSpec, GibbsSpec>(Category.SAMPLER, GibbsSpec::class, GibbsSpec.serializer(), "gibbs") {
        override val defaultSpec get() = gibbs()
        override val engineClasses = listOf(GibbsSampler::class.java)
        override fun engineDefault(context: BuildContext) = GibbsSampler.builder().build()
        override val entries get() = listOf(
            "gibbs(steps, scan)" to "Single-site Gibbs sampling of binary states, D site updates per step; steps = " +
                "${defaultSpec.steps} (discrete CD's 10 rounds), scan = ${defaultSpec.scan.name.lowercase()}Scan " +
                "(or randomScan); binary data only.",
        )
    }
}

/** Gibbs-with-Gradients; see [GibbsWithGradientsSpec]. */
fun gibbsWithGradients(steps: Int = 100): GibbsWithGradientsSpec = GibbsWithGradientsSpec(steps)

/**
 * Gibbs-with-Gradients (Grathwohl et al. 2021, arXiv 2102.04509): per step one Metropolis–Hastings flip proposed
 * from the energy's gradient. [steps] proposed flips per use (their Ising PCD: 100). Binary data only.
 */
@Serializable
@SerialName("gwg")
data class GibbsWithGradientsSpec(override val steps: Int) : SamplerSpec {
    override val binaryStates: Boolean get() = true

    override fun build(context: BuildContext) = Type.inDslNames {
        checkSteps("gibbsWithGradients", steps)
        GibbsWithGradientsSampler.builder().build()
    }

    override fun smoke() = copy(steps = minOf(steps, SMOKE_SAMPLER_STEPS))

    object Type : ComponentType<SamplerSpec, GibbsWithGradientsSpec>(
        Category.SAMPLER, GibbsWithGradientsSpec::class, GibbsWithGradientsSpec.serializer(), "gibbsWithGradients",
    ) {
        override val defaultSpec get() = gibbsWithGradients()
        override val engineClasses = listOf(GibbsWithGradientsSampler::class.java)
        override fun engineDefault(context: BuildContext) = GibbsWithGradientsSampler.builder().build()
        override val entries get() = listOf(
            "gibbsWithGradients(steps)" to "Gibbs-with-Gradients (Grathwohl et al. 2021): one gradient-proposed, " +
                "MH-corrected flip per step; steps = ${defaultSpec.steps} (their Ising PCD); binary data only.",
        )
    }
}
