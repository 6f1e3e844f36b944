package org.ebmworkbench.engine.objective;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ebmworkbench.engine.check.Require;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * Self-normalised likelihood for regression with an amortised normaliser b_φ(x) (Senetaire et al.; docs/methods.md
 * §10.3). Minimises L = mean_i [E(xᵢ, yᵢ) + b_φ(xᵢ) + exp(log Ẑ(xᵢ) − b_φ(xᵢ)) − 1], with log Ẑ(xᵢ) =
 * logmeanexp_k(−E(xᵢ, ỹᵢₖ) − log q(ỹᵢₖ)) over K target samples ỹ ~ q per row (detached). For each x the summand is
 * the SNL bound of −log p(yᵢ | xᵢ), tight at b_φ(x) = log Z(x); being linear in Z(x), it and its gradient are
 * unbiased. b_φ is an {@link AmortisedNormaliser} (default: the official "2-layer fc" feat→10→1) whose parameters are
 * this objective's, named {@code snl_reg.b_phi.*}. Diagnostics: {@code ess} (mean per-row effective sample size of
 * the K weights), {@code log_z} (mean log Ẑ(x) of the energy), {@code b} (mean b_φ(x)).
 */
public final class ConditionalSelfNormalisedLikelihood implements ConditionalObjective {
    /** Prefix of b_φ's parameters. */
    public static final String NORMALISER = "snl_reg.b_phi";

    private final int proposalSamples;
    private final int targetDim;
    private final int[] normaliserHidden;
    private AmortisedNormaliser normaliser;

    private ConditionalSelfNormalisedLikelihood(Builder b) {
        this.proposalSamples = b.proposalSamples;
        this.targetDim = b.targetDim;
        this.normaliserHidden = b.normaliserHidden.clone();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "snl_regression";
    }

    @Override
    public int targetDim() {
        return targetDim;
    }

    public int proposalSamples() {
        return proposalSamples;
    }

    public int[] normaliserHidden() {
        return normaliserHidden.clone();
    }

    /** b_φ, whose input width is the energy's row width less the targets; set by {@link #initialize}. */
    public AmortisedNormaliser normaliser() {
        if (normaliser == null) {
            throw new IllegalStateException("snl_regression: b_φ exists once initialize has seen the energy");
        }
        return normaliser;
    }

    @Override
    public Parameters initialize(ObjectiveContext context) {
        int featureDim = context.energy().inputDim() - targetDim;
        normaliser = AmortisedNormaliser.builder().setFeatureDim(featureDim).optHidden(normaliserHidden)
                .optPrefix(NORMALISER).build();
        return normaliser.initialize(context.manager());
    }

    @Override
    public Loss loss(ObjectiveContext context, NDArray batch) {
        ConditionalSamples s = ConditionalSamples.draw(context, batch, targetDim, proposalSamples, "snl_regression");
        NDArray b = normaliser().apply(context.parameters(), s.x());
        NDArray logZ = s.logNormalisers();
        NDArray perRow = s.dataEnergy().add(b).add(logZ.sub(b).exp()).sub(1);
        return new Loss(perRow.mean(), Map.of(
                "ess", s.meanEffectiveSampleSize(),
                "log_z", logZ.mean().stopGradient(),
                "b", b.mean().stopGradient()));
    }

    @Override
    public List<String> diagnosticNames() {
        return List.of("b", "ess", "log_z");
    }

    @Override
    public String describe() {
        return "regression SNL: " + proposalSamples + " target samples per row, b_φ(x) hidden "
                + Arrays.toString(normaliserHidden) + ", " + targetDim + " target column(s)";
    }

    /** Builder with the official 1-D toy settings: 32 proposal samples, b_φ feat→10→1, one target column. */
    public static final class Builder {
        /** Target samples per row for Ẑ(x) (SNL regression toys). */
        public static final int DEFAULT_PROPOSAL_SAMPLES = 32;
        /** One target column. */
        public static final int DEFAULT_TARGET_DIM = 1;
        /** b_φ's hidden widths: the official "2-layer fc". */
        public static final int[] DEFAULT_NORMALISER_HIDDEN = AmortisedNormaliser.Builder.DEFAULT_HIDDEN;

        private int proposalSamples = DEFAULT_PROPOSAL_SAMPLES;
        private int targetDim = DEFAULT_TARGET_DIM;
        private int[] normaliserHidden = DEFAULT_NORMALISER_HIDDEN.clone();

        /** Target samples ỹ ~ q drawn per row for Ẑ(x). */
        public Builder optProposalSamples(int n) {
            this.proposalSamples = n;
            return this;
        }

        /** Number of target columns, the last of each row. */
        public Builder optTargetDim(int targetDim) {
            this.targetDim = targetDim;
            return this;
        }

        /** Hidden widths of b_φ (empty: linear). */
        public Builder optNormaliserHidden(int... widths) {
            this.normaliserHidden = widths.clone();
            return this;
        }

        public ConditionalSelfNormalisedLikelihood build() {
            Require.atLeast("snlRegression", "proposalSamples", proposalSamples, 1);
            Require.atLeast("snlRegression", "targetDim", targetDim, 1);
            for (int i = 0; i < normaliserHidden.length; i++) {
                Require.atLeast("snlRegression", "normaliserHidden[" + i + "]", normaliserHidden[i], 1);
            }
            return new ConditionalSelfNormalisedLikelihood(this);
        }
    }
}
