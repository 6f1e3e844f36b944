package org.ebmworkbench.dsl.run

import ai.djl.ndarray.NDManager
import org.ebmworkbench.dsl.spec.Activation
import org.ebmworkbench.dsl.spec.CellSpec
import org.ebmworkbench.dsl.spec.ChainInit
import org.ebmworkbench.dsl.spec.ContrastiveDivergenceSpec
import org.ebmworkbench.dsl.spec.DecoupledLangevinSpec
import org.ebmworkbench.dsl.spec.HmcSpec
import org.ebmworkbench.dsl.spec.LangevinSpec
import org.ebmworkbench.dsl.spec.MalaSpec
import org.ebmworkbench.dsl.spec.SamplerSpec
import org.ebmworkbench.dsl.spec.Covariance
import org.ebmworkbench.dsl.spec.EnergySpec
import org.ebmworkbench.dsl.spec.FittedGaussianMixtureProposalSpec
import org.ebmworkbench.dsl.spec.FittedGaussianProposalSpec
import org.ebmworkbench.dsl.spec.FittedUniformBoxProposalSpec
import org.ebmworkbench.dsl.spec.GaussianProposalSpec
import org.ebmworkbench.dsl.spec.MlpEnergySpec
import org.ebmworkbench.dsl.spec.ObjectiveSpec
import org.ebmworkbench.dsl.spec.DenoisingScoreMatchingSpec
import org.ebmworkbench.dsl.spec.EnergyDiscrepancySpec
import org.ebmworkbench.dsl.spec.ExactScoreMatchingSpec
import org.ebmworkbench.dsl.spec.LogIsSpec
import org.ebmworkbench.dsl.spec.NceSpec
import org.ebmworkbench.dsl.spec.Projection
import org.ebmworkbench.dsl.spec.SlicedScoreMatchingSpec
import org.ebmworkbench.engine.objective.DenoisingScoreMatching
import org.ebmworkbench.engine.objective.EnergyDiscrepancy
import org.ebmworkbench.engine.objective.ExactScoreMatching
import org.ebmworkbench.engine.objective.LogImportanceSampling
import org.ebmworkbench.engine.objective.NoiseContrastiveEstimation
import org.ebmworkbench.engine.objective.SlicedScoreMatching
import org.ebmworkbench.dsl.spec.OptimizerKind
import org.ebmworkbench.dsl.spec.OptimizerSpec
import org.ebmworkbench.dsl.spec.ProposalSpec
import org.ebmworkbench.dsl.spec.QuadraticEnergySpec
import org.ebmworkbench.dsl.spec.SnlSpec
import org.ebmworkbench.dsl.spec.SpecException
import org.ebmworkbench.dsl.spec.UniformBoxProposalSpec
import org.ebmworkbench.engine.data.Dataset
import org.ebmworkbench.engine.energy.BaseDistributionEnergy
import org.ebmworkbench.engine.energy.EnergyModel
import org.ebmworkbench.engine.energy.MlpEnergy
import org.ebmworkbench.engine.energy.QuadraticEnergy
import org.ebmworkbench.engine.objective.ContrastiveDivergence
import org.ebmworkbench.engine.objective.Objective
import org.ebmworkbench.engine.objective.SelfNormalisedLikelihood
import org.ebmworkbench.engine.proposal.DiagonalGaussianProposal
import org.ebmworkbench.engine.proposal.FullGaussianProposal
import org.ebmworkbench.engine.proposal.GaussianMixtureProposal
import org.ebmworkbench.engine.proposal.Proposal
import org.ebmworkbench.engine.proposal.UniformBoxProposal
import org.ebmworkbench.engine.sampler.DecoupledLangevinSampler
import org.ebmworkbench.engine.sampler.HmcSampler
import org.ebmworkbench.engine.sampler.LangevinSampler
import org.ebmworkbench.engine.sampler.MalaSampler
import org.ebmworkbench.engine.sampler.Sampler
import org.ebmworkbench.engine.train.OptimizerConfig
import org.ebmworkbench.engine.energy.Activation as EngineActivation

/** Turns the parts of a spec cell into engine objects: the one place where the DSL meets the engine. */
object EngineFactory {

    fun energy(spec: EnergySpec, inputDim: Int): EnergyModel = when (spec) {
        is MlpEnergySpec -> MlpEnergy.builder().setInputDim(inputDim).setHidden(*spec.hidden.toIntArray())
            .optActivation(activation(spec.activation)).optLeakySlope(spec.leakySlope).build()
        is QuadraticEnergySpec -> QuadraticEnergy(inputDim, spec.trainablePrecision)
    }

    /** The energy the cell trains: with SNL's base distribution, tilted by the proposal. */
    fun modelEnergy(cell: CellSpec, inputDim: Int, proposal: Proposal): EnergyModel {
        val base = energy(cell.energy, inputDim)
        val objective = cell.objective
        return if (objective is SnlSpec && objective.baseDistribution) BaseDistributionEnergy(base, proposal) else base
    }

    fun proposal(spec: ProposalSpec, train: Dataset, manager: NDManager, seed: Long): Proposal {
        val d = train.dim()
        fun checkDim(what: String, size: Int) {
            if (size != d) throw SpecException("proposal: $what has ${size} entries but the data has dimension $d")
        }
        return when (spec) {
            is FittedGaussianProposalSpec -> when (spec.covariance) {
                Covariance.DIAGONAL -> DiagonalGaussianProposal.fit(manager, train, spec.jitter)
                Covariance.FULL -> FullGaussianProposal.fit(manager, train, spec.jitter)
            }
            is GaussianProposalSpec -> {
                checkDim("mean", spec.mean.size); checkDim("std", spec.std.size)
                DiagonalGaussianProposal(manager, spec.mean.toDoubleArray(), spec.std.toDoubleArray())
            }
            is UniformBoxProposalSpec -> {
                checkDim("low", spec.low.size); checkDim("high", spec.high.size)
                UniformBoxProposal(manager, spec.low.toDoubleArray(), spec.high.toDoubleArray())
            }
            is FittedUniformBoxProposalSpec -> UniformBoxProposal.fit(manager, train, spec.margin)
            is FittedGaussianMixtureProposalSpec -> GaussianMixtureProposal.fit(manager, train, spec.components, seed)
        }
    }

    /** The objective of a cell; [train] gives the noise range of chains started from noise. */
    fun objective(spec: ObjectiveSpec, train: Dataset): Objective = when (spec) {
        is SnlSpec -> SelfNormalisedLikelihood.builder().optProposalSamples(spec.proposalSamples)
            .optBiasInitSamples(spec.biasInitSamples).optLogIsWarmupSteps(spec.logIsWarmupSteps).build()
        is ContrastiveDivergenceSpec -> {
            val values = train.toArray()
            ContrastiveDivergence.builder().setSampler(sampler(spec.sampler)).optSteps(spec.sampler.steps)
                .optChainInit(chainInit(spec.init)).optEnergyL2(spec.energyL2).optBufferSize(spec.bufferSize)
                .optReinitFraction(spec.reinitFraction)
                .optNoiseBox(values.min().toDouble(), values.max().toDouble()).build()
        }
        is NceSpec -> NoiseContrastiveEstimation.builder().optNoisePerDatum(spec.noisePerDatum)
            .optNoiseSamples(spec.noiseSamples).build()
        is EnergyDiscrepancySpec -> EnergyDiscrepancy.builder().optT(spec.t).optM(spec.m).optW(spec.w).build()
        is LogIsSpec -> LogImportanceSampling.builder().optProposalSamples(spec.proposalSamples).build()
        ExactScoreMatchingSpec -> ExactScoreMatching.builder().build()
        is DenoisingScoreMatchingSpec -> DenoisingScoreMatching.builder().optSigma(spec.sigma).build()
        is SlicedScoreMatchingSpec -> SlicedScoreMatching.builder().optNumProjections(spec.projections)
            .optProjection(
                when (spec.distribution) {
                    Projection.RADEMACHER -> SlicedScoreMatching.Projection.RADEMACHER
                    Projection.GAUSSIAN -> SlicedScoreMatching.Projection.GAUSSIAN
                },
            )
            .optVarianceReduced(spec.varianceReduced).build()
    }

    fun sampler(spec: SamplerSpec): Sampler = when (spec) {
        is LangevinSpec -> LangevinSampler.builder().optStepSize(spec.stepSize)
            .apply { if (spec.gradientClip > 0) optGradientClip(spec.gradientClip) }.build()
        is DecoupledLangevinSpec -> DecoupledLangevinSampler.builder().optStepSize(spec.stepSize).optNoise(spec.noise)
            .apply { if (spec.gradientClip > 0) optGradientClip(spec.gradientClip) }.build()
        is MalaSpec -> MalaSampler.builder().optStepSize(spec.stepSize).build()
        is HmcSpec -> HmcSampler.builder().optStepSize(spec.stepSize).optLeapfrogSteps(spec.leapfrogSteps).build()
    }

    private fun chainInit(init: ChainInit): ContrastiveDivergence.ChainInit = when (init) {
        ChainInit.DATA -> ContrastiveDivergence.ChainInit.DATA
        ChainInit.PERSISTENT -> ContrastiveDivergence.ChainInit.PERSISTENT
        ChainInit.NOISE -> ContrastiveDivergence.ChainInit.NOISE
        ChainInit.REPLAY_BUFFER -> ContrastiveDivergence.ChainInit.REPLAY_BUFFER
    }

    fun optimizer(spec: OptimizerSpec): OptimizerConfig = OptimizerConfig(
        when (spec.kind) {
            OptimizerKind.ADAM -> OptimizerConfig.Kind.ADAM
            OptimizerKind.ADAMW -> OptimizerConfig.Kind.ADAMW
        },
        spec.lr, spec.weightDecay, spec.beta1, spec.beta2,
    )

    private fun activation(a: Activation): EngineActivation = when (a) {
        Activation.SOFTPLUS -> EngineActivation.SOFTPLUS
        Activation.SILU -> EngineActivation.SILU
        Activation.RELU -> EngineActivation.RELU
        Activation.LEAKY_RELU -> EngineActivation.LEAKY_RELU
    }
}
