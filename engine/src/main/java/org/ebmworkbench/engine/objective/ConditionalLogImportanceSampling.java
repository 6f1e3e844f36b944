package org.ebmworkbench.engine.objective;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import org.ebmworkbench.engine.check.Require;

/**
 * The log-IS baseline of regression (docs/methods.md §12.4): minimises mean_i [E(xᵢ, yᵢ) + log Ẑ(xᵢ)], log Ẑ(xᵢ) =
 * logmeanexp_k(−E(xᵢ, ỹᵢₖ) − log q(ỹᵢₖ)) over K target samples per row. No normaliser is learned; the estimate of
 * −log p(y | x) is biased downwards by Jensen (E log Ẑ ≤ log Z), the more so the fewer samples. Invariant to any
 * shift of the energy that depends on x alone. Diagnostics: {@code ess}, {@code log_z}.
 */
public final class ConditionalLogImportanceSampling implements ConditionalObjective {
    private final int proposalSamples;
    private final int targetDim;

    private ConditionalLogImportanceSampling(Builder b) {
        this.proposalSamples = b.proposalSamples;
        this.targetDim = b.targetDim;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "log_is_regression";
    }

    @Override
    public int targetDim() {
        return targetDim;
    }

    public int proposalSamples() {
        return proposalSamples;
    }

    @Override
    public Loss loss(ObjectiveContext context, NDArray batch) {
        ConditionalSamples s = ConditionalSamples.draw(context, batch, targetDim, proposalSamples, "log_is_regression");
        NDArray logZ = s.logNormalisers();
        return new Loss(s.dataEnergy().add(logZ).mean(), Map.of(
                "ess", s.meanEffectiveSampleSize(),
                "log_z", logZ.mean().stopGradient()));
    }

    @Override
    public List<String> diagnosticNames() {
        return List.of("ess", "log_z");
    }

    @Override
    public String describe() {
        return "regression log-IS: " + proposalSamples + " target samples per row, " + targetDim + " target column(s)";
    }

    /** Builder with the official 1-D toy settings: 32 proposal samples, one target column. */
    public static final class Builder {
        /** Target samples per row (SNL regression toys). */
        public static final int DEFAULT_PROPOSAL_SAMPLES = 32;
        /** One target column. */
        public static final int DEFAULT_TARGET_DIM = 1;

        private int proposalSamples = DEFAULT_PROPOSAL_SAMPLES;
        private int targetDim = DEFAULT_TARGET_DIM;

        /** Target samples ỹ ~ q drawn per row. */
        public Builder optProposalSamples(int n) {
            this.proposalSamples = n;
            return this;
        }

        /** Number of target columns, the last of each row. */
        public Builder optTargetDim(int targetDim) {
            this.targetDim = targetDim;
            return this;
        }

        public ConditionalLogImportanceSampling build() {
            Require.atLeast("logIsRegression", "proposalSamples", proposalSamples, 1);
            Require.atLeast("logIsRegression", "targetDim", targetDim, 1);
            return new ConditionalLogImportanceSampling(this);
        }
    }
}
