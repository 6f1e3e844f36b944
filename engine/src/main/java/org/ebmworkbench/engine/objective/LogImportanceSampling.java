package org.ebmworkbench.engine.objective;

import org.ebmworkbench.engine.check.Require;
import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import org.ebmworkbench.engine.proposal.Proposal;
import org.ebmworkbench.engine.tensor.Tensors;

/**
 * The biased log importance-sampling baseline ({@code log_IS}/"eubo" in the SNL code, arXiv 2503.07021;
 * docs/methods.md §3.4).
 *
 * <p>Minimises L = mean_i E(xᵢ) + log Ẑ with log Ẑ = logsumexp_k(−E(x̃ₖ) − log q(x̃ₖ)) − log N over N detached
 * proposal samples x̃ₖ ~ q: the negative log-likelihood with log Z replaced by the log of its unbiased IS estimate.
 * By Jensen E[log Ẑ] ≤ log Z, so the loss and its gradient are biased (the bias shrinks like 1/N); SNL is the
 * unbiased alternative. Default N = 512, SNL's. One forward pass over concat(batch, samples).
 *
 * <p>Diagnostics: {@code log_z} (log Ẑ) and {@code ess} (effective sample size of the importance weights).
 */
public final class LogImportanceSampling implements Objective {
    private final int proposalSamples;

    private LogImportanceSampling(Builder b) {
        this.proposalSamples = b.proposalSamples;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "log_is";
    }

    public int proposalSamples() {
        return proposalSamples;
    }

    @Override
    public Loss loss(ObjectiveContext context, NDArray batch) {
        Proposal q = context.requireProposal("log-IS");
        NDArray samples = ProposalEstimates.sample(q, context, proposalSamples, batch);
        BatchAndExtra energies = BatchAndExtra.energies(context, batch, samples);
        NDArray logWeights = energies.extra().neg().sub(q.logProb(samples));
        NDArray logZ = Tensors.logMeanExp(logWeights);
        NDArray loss = energies.data().mean().add(logZ);
        return new Loss(loss, Map.of(
                "log_z", logZ.stopGradient(),
                "ess", Tensors.effectiveSampleSize(logWeights.stopGradient())));
    }

    @Override
    public List<String> diagnosticNames() {
        return List.of("ess", "log_z");
    }

    @Override
    public String describe() {
        return "log importance sampling (biased): " + proposalSamples + " proposal samples per step";
    }

    /** Builder; default N = 512 proposal samples per step. */
    public static final class Builder {
        /** Proposal samples per step (the SNL code's). */
        public static final int DEFAULT_PROPOSAL_SAMPLES = 512;

        private int proposalSamples = DEFAULT_PROPOSAL_SAMPLES;

        private Builder() {}

        /** N, the proposal samples per step. */
        public Builder optProposalSamples(int n) {
            this.proposalSamples = n;
            return this;
        }

        public LogImportanceSampling build() {
            Require.atLeast("log_is", "proposalSamples", proposalSamples, 1);
            return new LogImportanceSampling(this);
        }
    }
}
