package org.ebmworkbench.engine.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Map;
import org.ebmworkbench.engine.check.Require;
import org.ebmworkbench.engine.tensor.Tensors;

/**
 * Noise-contrastive estimation for regression without a normaliser (docs/methods.md §12.4): for each row the true
 * target yᵢ is told apart from K noise targets ỹᵢₖ ~ q by a softmax over the K + 1 scores
 * s = −E(xᵢ, ·) − log q(·); the loss is mean_i [−s(yᵢ) + logsumexp(s(yᵢ), s(ỹᵢ₁), …, s(ỹᵢₖ))], the ranking form of
 * NCE used for energy-based regression (Gustafsson et al.). Z(x) cancels from every softmax, so no b_φ is needed and
 * the loss is invariant to any shift of the energy that depends on x alone; it is consistent for p(y | x) as K
 * grows. Diagnostics: {@code p_data} (mean softmax probability of the true target, 1/(K + 1) for a flat model).
 */
public final class ConditionalNoiseContrastiveEstimation implements ConditionalObjective {
    private final int noiseSamples;
    private final int targetDim;

    private ConditionalNoiseContrastiveEstimation(Builder b) {
        this.noiseSamples = b.noiseSamples;
        this.targetDim = b.targetDim;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "nce_regression";
    }

    @Override
    public int targetDim() {
        return targetDim;
    }

    public int noiseSamples() {
        return noiseSamples;
    }

    @Override
    public Loss loss(ObjectiveContext context, NDArray batch) {
        ConditionalSamples s = ConditionalSamples.draw(context, batch, targetDim, noiseSamples, "nce_regression");
        long featureDim = batch.getShape().get(1) - targetDim;
        NDArray y = batch.get(":, " + featureDim + ":");
        NDArray dataScore = s.dataEnergy().neg().sub(
                context.requireProposal("nce_regression").logProb(y).toType(batch.getDataType(), false));
        NDArray scores = NDArrays.concat(new NDList(dataScore.expandDims(1), s.logWeights()), 1);
        NDArray logPData = dataScore.sub(Tensors.logSumExp(scores, 1));
        return new Loss(logPData.neg().mean(), Map.of("p_data", logPData.exp().mean().stopGradient()));
    }

    @Override
    public List<String> diagnosticNames() {
        return List.of("p_data");
    }

    @Override
    public String describe() {
        return "regression NCE (ranking): " + noiseSamples + " noise targets per row, " + targetDim + " target column(s)";
    }

    /** Builder with the official 1-D toy settings: 32 noise samples per row, one target column. */
    public static final class Builder {
        /** Noise targets per row (the SNL regression toys' 32 proposal samples). */
        public static final int DEFAULT_NOISE_SAMPLES = 32;
        /** One target column. */
        public static final int DEFAULT_TARGET_DIM = 1;

        private int noiseSamples = DEFAULT_NOISE_SAMPLES;
        private int targetDim = DEFAULT_TARGET_DIM;

        /** Noise targets ỹ ~ q drawn per row. */
        public Builder optNoiseSamples(int n) {
            this.noiseSamples = n;
            return this;
        }

        /** Number of target columns, the last of each row. */
        public Builder optTargetDim(int targetDim) {
            this.targetDim = targetDim;
            return this;
        }

        public ConditionalNoiseContrastiveEstimation build() {
            Require.atLeast("nceRegression", "noiseSamples", noiseSamples, 1);
            Require.atLeast("nceRegression", "targetDim", targetDim, 1);
            return new ConditionalNoiseContrastiveEstimation(this);
        }
    }
}
