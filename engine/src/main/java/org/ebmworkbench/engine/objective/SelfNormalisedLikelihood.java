package org.ebmworkbench.engine.objective;

import org.ebmworkbench.engine.check.Require;
import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import org.ebmworkbench.engine.proposal.Proposal;
import org.ebmworkbench.engine.tensor.Parameters;
import org.ebmworkbench.engine.tensor.Tensors;

/**
 * Self-normalised log-likelihood (Senetaire, Jeha, Mattei, Frellsen 2025, arXiv 2503.07021; docs/methods.md §3.1).
 *
 * <p>Minimises L = mean_i (E(x_i) + b) + exp(log Ẑ) − 1 = −ℓ_SNL, where the explicit scalar b is added to the energy
 * and log Ẑ = logsumexp_k(−E(x̃_k) − b − log q(x̃_k)) − log N over N proposal samples x̃ ~ q (detached). Since ℓ_SNL
 * is linear in Z, this estimate and its gradient are unbiased; at the optimum b = log Z.
 *
 * <ul>
 *   <li>b is initialised to log Ẑ from {@code biasInitSamples} proposal samples (1024 in the official 2-D YAML).
 *   <li>For the first {@code logIsWarmupSteps} steps the biased log-IS objective mean E + log Ẑ is used instead
 *       (the official {@code start_with_IS_until}); b is held fixed there (it cancels from that objective), and is
 *       re-estimated when SNL takes over. This re-estimate is our addition: without it b would start SNL far from
 *       log Z.
 *   <li>A base distribution p0 is a property of the energy ({@code BaseDistributionEnergy}), not of this class.
 * </ul>
 * Diagnostics: {@code ess} (effective sample size of the importance weights), {@code log_z} (log Ẑ of the energy
 * without b), {@code b}.
 */
public final class SelfNormalisedLikelihood implements Objective {
    /** Name of the learned normaliser in the parameter set. */
    public static final String BIAS = "snl.b";

    private final int proposalSamples;
    private final int biasInitSamples;
    private final int logIsWarmupSteps;

    private SelfNormalisedLikelihood(Builder b) {
        this.proposalSamples = b.proposalSamples;
        this.biasInitSamples = b.biasInitSamples;
        this.logIsWarmupSteps = b.logIsWarmupSteps;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "snl";
    }

    @Override
    public Parameters initialize(ObjectiveContext context) {
        double logZ = ProposalEstimates.logNormaliser(context, biasInitSamples, "SNL");
        return Parameters.builder().add(BIAS, context.manager().create((float) logZ)).build();
    }

    @Override
    public void beforeStep(ObjectiveContext context) {
        if (logIsWarmupSteps > 0 && context.step() == logIsWarmupSteps) {
            double logZ = ProposalEstimates.logNormaliser(context, biasInitSamples, "SNL");
            NDArray b = context.parameters().get(BIAS);
            b.muli(0).addi((float) logZ);
        }
    }

    @Override
    public Loss loss(ObjectiveContext context, NDArray batch) {
        Proposal q = context.requireProposal("SNL");
        NDArray samples = ProposalEstimates.sample(q, context, proposalSamples, batch);
        BatchAndExtra energies = BatchAndExtra.energies(context, batch, samples);
        NDArray dataEnergy = energies.data();
        NDArray sampleEnergy = energies.extra();
        boolean warmUp = context.step() < logIsWarmupSteps;
        // In the log-IS form b cancels analytically, but float rounding leaves a ~1e-8 gradient that Adam would
        // normalise into full-size steps; detaching b makes its gradient exactly zero.
        NDArray b = warmUp ? context.parameters().get(BIAS).stopGradient() : context.parameters().get(BIAS);

        NDArray logWeights = sampleEnergy.neg().sub(b).sub(q.logProb(samples));
        NDArray logZWithBias = Tensors.logMeanExp(logWeights);
        NDArray dataTerm = dataEnergy.mean().add(b);
        NDArray loss = warmUp ? dataTerm.add(logZWithBias) : dataTerm.add(logZWithBias.exp()).sub(1);
        return new Loss(loss, Map.of(
                "ess", Tensors.effectiveSampleSize(logWeights.stopGradient()),
                "log_z", logZWithBias.add(b).stopGradient(),
                "b", b.stopGradient()));
    }

    @Override
    public List<String> diagnosticNames() {
        return List.of("b", "ess", "log_z");
    }

    @Override
    public String describe() {
        return "SNL: " + proposalSamples + " proposal samples per step, b initialised from " + biasInitSamples
                + " samples" + (logIsWarmupSteps > 0 ? ", log-IS warm-up for " + logIsWarmupSteps + " steps" : "");
    }

    public int proposalSamples() {
        return proposalSamples;
    }

    /** Builder with the official 2-D defaults: 512 proposal samples, b from 1024 samples, no warm-up. */
    public static final class Builder {
        /** Proposal samples per step for Ẑ (SNL 2-D config). */
        public static final int DEFAULT_PROPOSAL_SAMPLES = 512;
        /** Proposal samples for the initial b = log Ẑ (SNL 2-D config). */
        public static final int DEFAULT_BIAS_INIT_SAMPLES = 1024;
        /** No log-IS warm-up. */
        public static final int DEFAULT_LOG_IS_WARMUP_STEPS = 0;

        private int proposalSamples = DEFAULT_PROPOSAL_SAMPLES;
        private int biasInitSamples = DEFAULT_BIAS_INIT_SAMPLES;
        private int logIsWarmupSteps = DEFAULT_LOG_IS_WARMUP_STEPS;

        public Builder optProposalSamples(int n) {
            this.proposalSamples = n;
            return this;
        }

        public Builder optBiasInitSamples(int n) {
            this.biasInitSamples = n;
            return this;
        }

        public Builder optLogIsWarmupSteps(int steps) {
            this.logIsWarmupSteps = steps;
            return this;
        }

        public SelfNormalisedLikelihood build() {
            Require.atLeast("snl", "proposalSamples", proposalSamples, 1);
            Require.atLeast("snl", "biasInitSamples", biasInitSamples, 1);
            Require.atLeast("snl", "logIsWarmupSteps", logIsWarmupSteps, 0);
            return new SelfNormalisedLikelihood(this);
        }
    }
}
