package org.ebmworkbench.engine.contract

import org.ebmworkbench.engine.objective.ConditionalLogImportanceSampling
import org.ebmworkbench.engine.objective.ConditionalNoiseContrastiveEstimation
import org.ebmworkbench.engine.objective.ConditionalSelfNormalisedLikelihood
import org.ebmworkbench.engine.objective.ContrastiveDivergence
import org.ebmworkbench.engine.objective.ContrastiveDivergence.ChainInit
import org.ebmworkbench.engine.objective.DenoisingScoreMatching
import org.ebmworkbench.engine.objective.EnergyDiscrepancy
import org.ebmworkbench.engine.objective.ExactScoreMatching
import org.ebmworkbench.engine.objective.LogImportanceSampling
import org.ebmworkbench.engine.objective.NoiseContrastiveEstimation
import org.ebmworkbench.engine.objective.Objective
import org.ebmworkbench.engine.objective.SelfNormalisedLikelihood
import org.ebmworkbench.engine.objective.SlicedScoreMatching
import org.ebmworkbench.engine.objective.SlicedScoreMatching.Projection
import org.ebmworkbench.engine.sampler.DecoupledLangevinSampler
import org.ebmworkbench.engine.perturbation.BernoulliPerturbation
import org.ebmworkbench.engine.perturbation.GaussianPerturbation
import org.ebmworkbench.engine.perturbation.NeighbourhoodPerturbation
import org.ebmworkbench.engine.perturbation.Perturbation
import org.ebmworkbench.engine.perturbation.PoolingPerturbation
import org.ebmworkbench.engine.sampler.BinaryKernel
import org.ebmworkbench.engine.sampler.GibbsSampler
import org.ebmworkbench.engine.sampler.GibbsWithGradientsSampler
import org.ebmworkbench.engine.sampler.HmcSampler
import org.ebmworkbench.engine.sampler.LangevinSampler
import org.ebmworkbench.engine.sampler.Mat2
import org.ebmworkbench.engine.sampler.MalaSampler
import org.ebmworkbench.engine.sampler.Sampler
import kotlin.math.sqrt

/**
 * How an objective is trained in the analytic-recovery test: Adam at [learningRate] from μ = 0, L = I for [steps]
 * steps of [batchSize] rows (4096 = the whole sample), EMA 0.99 of the parameters.
 */
data class RecoveryRun(val batchSize: Int = 4096, val steps: Long = 800, val learningRate: Double = 0.02)

/**
 * One objective under contract.
 *
 * @property make a fresh instance (objectives may hold per-run state) with the settings under which it recovers the
 *   analytic Gaussian of [ObjectiveFixtures]
 * @property smoothing the objective fits N(μ, Σ + smoothing·I) rather than N(μ, Σ) (DSM's σ²)
 * @property invariantToEnergyConstant E + c gives the same loss as E, draw for draw, with the objective's own
 *   parameters held fixed
 * @property normaliser the objective's learned scalar that converges to log Z of the fitted energy, if any
 * @property light the same code path with smaller sample counts, for the 20 000-step memory test
 * @property conditional the objective fits p(y | x) with the last column as the target y and a proposal on y alone
 *   ([ObjectiveFixtures.proposal]); its recovery is that of the conditional Gaussian y | x of the same data, and its
 *   invariance is to any shift of E (a constant is one); [normaliser] is then the prefix of b_φ(x)'s parameters
 */
class ObjectiveEntry(
    val name: String,
    val make: () -> Objective,
    val invariantToEnergyConstant: Boolean,
    val normaliser: String? = null,
    val smoothing: Double = 0.0,
    val recovery: RecoveryRun = RecoveryRun(),
    val light: () -> Objective = make,
    val conditional: Boolean = false,
) {
    override fun toString() = name
}

/**
 * A sampler's stationary law on a Gaussian target: [sampler] run for [steps] transitions from far away must end
 * with the mean of the target and the covariance [stationaryCovariance] of the target's precision Λ.
 */
class GaussianCase(val sampler: Sampler, val steps: Int, val stationaryCovariance: (Mat2) -> Mat2)

/**
 * A sampler on a bimodal 1-D mixture, all chains started in one mode: after [steps] transitions the chains pass a KS
 * test against the exact CDF. [lawBias] is the KS distance between the sampler's own stationary law and the target
 * (0 for an MH-corrected sampler), added to the critical value.
 */
class MixtureCase(val sampler: Sampler, val steps: Int, val lawBias: Double)

/**
 * One sampler under contract.
 *
 * @property contract any valid settings, for the properties every sampler promises whatever its law
 * @property withStep the sampler at step size s, and [shrinkingSteps] decreasing step sizes: an MH-corrected
 *   sampler's acceptance rate rises towards 1 along them, an unadjusted one reports exactly 1 at each
 */
class SamplerEntry(
    val name: String,
    val contract: Sampler,
    val gaussian: GaussianCase,
    val mixture: MixtureCase,
    val metropolisAdjusted: Boolean,
    val withStep: (Double) -> Sampler,
    val shrinkingSteps: List<Double>,
) {
    override fun toString() = name
}

/**
 * One sampler of binary states x ∈ {0, 1}^D under contract (the Gaussian and mixture cases of [SamplerEntry] do not
 * apply to it).
 *
 * @property contract any valid settings, for the properties every sampler promises, and the law test
 * @property sweeps steps after which chains from uniform random starts are at the law of the binary targets of
 *   DiscreteSamplerLawTest (chi-square test); [kernel] is the sampler's step applied exactly on the host, which checks
 *   that they are
 * @property metropolisAdjusted the sampler accepts or rejects proposals (else it keeps every draw: acceptance 1)
 * @property gradientBased the sampler computes ∇ₓE (and so reports grad_norm)
 */
class DiscreteSamplerEntry(
    val name: String,
    val contract: Sampler,
    val sweeps: Int,
    val kernel: BinaryKernel,
    val metropolisAdjusted: Boolean = false,
    val gradientBased: Boolean = false,
) {
    override fun toString() = name
}

/**
 * One perturbation of energy discrepancy under contract.
 *
 * @property make the perturbation, with the settings under test
 * @property binary whether it is defined on binary states (then tested on binary data and an Ising energy)
 */
class PerturbationEntry(val name: String, val make: () -> Perturbation, val binary: Boolean) {
    override fun toString() = name
}

/**
 * Every objective and sampler of the engine, with the settings under which each satisfies the contract battery
 * (the tests of this package). A new objective or sampler is tested by being added here; RegistryTest fails while a
 * class of the objective or sampler package is missing.
 */
object Registry {
    private fun cd(init: ChainInit, configure: ContrastiveDivergence.Builder.() -> Unit = {}): () -> Objective = {
        // MALA leaves every model invariant, so CD's fixed point is the data's own Gaussian fit whatever k is.
        ContrastiveDivergence.builder().setSampler(MalaSampler.builder().optStepSize(0.2).build()).optSteps(5)
            .optChainInit(init).apply(configure).build()
    }

    /** Mini-batches for the CD runs: their cost is the sampler, 5 MALA steps per update. */
    private val cdRun = RecoveryRun(batchSize = 512)

    val objectives: List<ObjectiveEntry> = listOf(
        ObjectiveEntry("SNL (N = 4096)", { SelfNormalisedLikelihood.builder().optProposalSamples(4096).build() },
            invariantToEnergyConstant = false, normaliser = SelfNormalisedLikelihood.BIAS,
            light = { SelfNormalisedLikelihood.builder().optProposalSamples(256).build() }),
        ObjectiveEntry("NCE (ν = 2)", { NoiseContrastiveEstimation.builder().optNoisePerDatum(2).build() },
            invariantToEnergyConstant = false, normaliser = NoiseContrastiveEstimation.NORMALISER),
        ObjectiveEntry("ED (t = 1, m = 4, w = 1)", { EnergyDiscrepancy.builder().build() },
            invariantToEnergyConstant = true),
        // log Ẑ of E + c is log Ẑ − c, which cancels the shift of mean E exactly.
        ObjectiveEntry("log-IS (N = 4096)", { LogImportanceSampling.builder().optProposalSamples(4096).build() },
            invariantToEnergyConstant = true, light = { LogImportanceSampling.builder().optProposalSamples(256).build() }),
        ObjectiveEntry("CD-5 (MALA, data)", cd(ChainInit.DATA), invariantToEnergyConstant = true, recovery = cdRun,
            light = cd(ChainInit.DATA) { optSteps(1) }),
        ObjectiveEntry("PCD-5 (MALA)", cd(ChainInit.PERSISTENT), invariantToEnergyConstant = true, recovery = cdRun,
            light = cd(ChainInit.PERSISTENT) { optSteps(1) }),
        // With a buffer of 4 batches every row is revisited about every 4 updates, so only the chains restarted from
        // the noise box are far from equilibrium: after 5 MALA steps they keep ~70 % of their offset (contraction
        // ≈ 0.93 per step), which at the usual 5 % restarts biases the negatives, hence the fitted mean, by ~0.04.
        // 1 % restarts keep that below 0.01.
        ObjectiveEntry("replay buffer (MALA, 5 steps, 1 % restarts)", cd(ChainInit.REPLAY_BUFFER) {
            optBufferSize(2048).optReinitFraction(0.01).optNoiseBox(-3.0, 3.0)
        }, invariantToEnergyConstant = true, recovery = cdRun, light = cd(ChainInit.REPLAY_BUFFER) {
            optBufferSize(2048).optReinitFraction(0.01).optNoiseBox(-3.0, 3.0).optSteps(1)
        }),
        ObjectiveEntry("exact SM", { ExactScoreMatching.builder().build() }, invariantToEnergyConstant = true),
        // σ = 0.1 shifts the fitted covariance by σ²I = 0.01 I: ~1.5 % of the precision, well inside 10 %.
        ObjectiveEntry("DSM (σ = 0.1)", { DenoisingScoreMatching.builder().optSigma(0.1).build() },
            invariantToEnergyConstant = true, smoothing = 0.01),
        ObjectiveEntry("SSM (Rademacher, 2 projections)", { SlicedScoreMatching.builder().optNumProjections(2).build() },
            invariantToEnergyConstant = true),
        ObjectiveEntry("SSM (Gaussian)", { SlicedScoreMatching.builder().optProjection(Projection.GAUSSIAN).build() },
            invariantToEnergyConstant = true),
        ObjectiveEntry("SSM-VR (Gaussian)", {
            SlicedScoreMatching.builder().optProjection(Projection.GAUSSIAN).optVarianceReduced(true).build()
        }, invariantToEnergyConstant = true),
        // Regression objectives on the same rows, read as x = column 0, y = column 1 (docs/methods.md §12).
        ObjectiveEntry("regression SNL (K = 32, b_φ 1-10-1)", { ConditionalSelfNormalisedLikelihood.builder().build() },
            invariantToEnergyConstant = false, normaliser = ConditionalSelfNormalisedLikelihood.NORMALISER,
            light = { ConditionalSelfNormalisedLikelihood.builder().optProposalSamples(8).build() }, conditional = true),
        ObjectiveEntry("regression NCE (K = 32)", { ConditionalNoiseContrastiveEstimation.builder().build() },
            invariantToEnergyConstant = true,
            light = { ConditionalNoiseContrastiveEstimation.builder().optNoiseSamples(8).build() }, conditional = true),
        ObjectiveEntry("regression log-IS (K = 32)", { ConditionalLogImportanceSampling.builder().build() },
            invariantToEnergyConstant = true,
            light = { ConditionalLogImportanceSampling.builder().optProposalSamples(8).build() }, conditional = true),
    )

    val samplers: List<SamplerEntry> = listOf(
        SamplerEntry(
            "Langevin",
            contract = LangevinSampler.builder().optStepSize(0.1).optGradientClip(5.0).build(),
            // Unadjusted and linear on a Gaussian: x ← (I − hΛ/2)x + √h ξ is stationary at (Λ − hΛ²/4)⁻¹, 41 %
            // wider than the target along the stiff direction at h = 0.8. The mean contracts by 1 − hλ_min/2 = 0.82
            // per step, so 100 steps leave 1e-8 of the offset.
            gaussian = GaussianCase(LangevinSampler.builder().optStepSize(0.8).build(), 100) { l ->
                (l - l * l * (0.8 / 4)).inverse()
            },
            // At h = 0.05 the chain's own stationary law is 0.003 from the mixture in KS distance and its slowest
            // mode relaxes in ~200 steps (both from the transition kernel discretised on a fine grid).
            mixture = MixtureCase(LangevinSampler.builder().optStepSize(0.05).build(), 2000, lawBias = 0.005),
            metropolisAdjusted = false,
            withStep = { LangevinSampler.builder().optStepSize(it).build() },
            shrinkingSteps = listOf(0.5, 0.05),
        ),
        SamplerEntry(
            "decoupled Langevin",
            contract = DecoupledLangevinSampler.igebm().build(),
            // x ← (I − αΛ)x + σξ is stationary at σ²(2αΛ − α²Λ²)⁻¹; contraction 1 − αλ_min = 0.91 per step, so 150
            // steps leave 1e-6 of the offset.
            gaussian = GaussianCase(DecoupledLangevinSampler.builder().optStepSize(0.2).optNoise(0.4).build(), 150) { l ->
                (l * (2 * 0.2) - l * l * (0.2 * 0.2)).inverse() * (0.4 * 0.4)
            },
            // α = h/2, σ = √h is Langevin at h = 0.05: the same law and bias as above.
            mixture = MixtureCase(
                DecoupledLangevinSampler.builder().optStepSize(0.025).optNoise(sqrt(0.05)).build(), 2000, lawBias = 0.005),
            metropolisAdjusted = false,
            withStep = { DecoupledLangevinSampler.builder().optStepSize(it).optNoise(sqrt(2 * it)).build() },
            shrinkingSteps = listOf(0.25, 0.025),
        ),
        SamplerEntry(
            "MALA",
            contract = MalaSampler.builder().optStepSize(0.1).build(),
            // About 90 % of proposals are accepted at h = 0.4, so the mean contracts by about 0.92 per step.
            gaussian = GaussianCase(MalaSampler.builder().optStepSize(0.4).build(), 200) { it.inverse() },
            // The mode-switching relaxation time at h = 0.3 is about 50 steps: 600 steps are 11 of them.
            mixture = MixtureCase(MalaSampler.builder().optStepSize(0.3).build(), 600, lawBias = 0.0),
            metropolisAdjusted = true,
            withStep = { MalaSampler.builder().optStepSize(it).build() },
            shrinkingSteps = listOf(0.5, 0.05, 0.005),
        ),
        SamplerEntry(
            "HMC",
            contract = HmcSampler.builder().optStepSize(0.1).optLeapfrogSteps(3).build(),
            // A trajectory of length 2 decorrelates a unit-scale Gaussian in a few transitions; 40 is ample.
            gaussian = GaussianCase(HmcSampler.builder().optStepSize(0.25).optLeapfrogSteps(8).build(), 40) { it.inverse() },
            mixture = MixtureCase(HmcSampler.builder().optStepSize(0.3).optLeapfrogSteps(5).build(), 150, lawBias = 0.0),
            metropolisAdjusted = true,
            withStep = { HmcSampler.builder().optStepSize(it).optLeapfrogSteps(5).build() },
            shrinkingSteps = listOf(0.8, 0.2, 0.02),
        ),
    )

    val discreteSamplers: List<DiscreteSamplerEntry> = listOf(
        // On the 4-site machine the systematic-scan sweep's second eigenvalue is 0.50, so 20 sweeps leave ~1e-6 of the
        // uniform start's distance to the law: a chi-square non-centrality N·Σ(q − p)²/p below 1e-9 (see the spec).
        DiscreteSamplerEntry("Gibbs", GibbsSampler.builder().build(), sweeps = 20, kernel = BinaryKernel.SYSTEMATIC_SWEEP),
        // The random scan mixes more slowly per update (a site can wait several updates); 40 steps of D updates.
        DiscreteSamplerEntry("Gibbs (random scan)", GibbsSampler.builder().optScan(GibbsSampler.Scan.RANDOM).build(),
            sweeps = 40, kernel = BinaryKernel.RANDOM_SCAN_SWEEP),
        // One flip per step: 200 steps are 50 proposals per site; the fixture test computes what they leave.
        DiscreteSamplerEntry("Gibbs-with-Gradients", GibbsWithGradientsSampler.builder().build(), sweeps = 200,
            kernel = BinaryKernel.GWG_STEP, metropolisAdjusted = true, gradientBased = true),
    )

    val perturbations: List<PerturbationEntry> = listOf(
        PerturbationEntry("Gaussian (t = 0.5)", { GaussianPerturbation.builder().optT(0.5).build() }, binary = false),
        PerturbationEntry("Bernoulli (ε = 0.1)", { BernoulliPerturbation.builder().optEpsilon(0.1).build() }, binary = true),
        PerturbationEntry("grid (one flip)", { NeighbourhoodPerturbation.builder().build() }, binary = true),
        PerturbationEntry("pooling (window 3)", { PoolingPerturbation.builder().optWindow(3).build() }, binary = true),
    )
}
