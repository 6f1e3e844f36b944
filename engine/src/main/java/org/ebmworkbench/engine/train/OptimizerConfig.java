package org.ebmworkbench.engine.train;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.ebmworkbench.engine.check.Require;

/**
 * Adam or AdamW (decoupled weight decay) with a fixed learning rate. Both run as DJL's fused native update.
 *
 * @param weightDecay for ADAM an L2 term added to the gradient (the official SNL 2-D YAML: Adam, 5e-4); for ADAMW the
 *     decoupled decay of Loshchilov and Hutter
 */
public record OptimizerConfig(Kind kind, double learningRate, double weightDecay, double beta1, double beta2) {
    public enum Kind { ADAM, ADAMW }

    /** PyTorch's learning rate for Adam and AdamW. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    /** PyTorch's Adam: no weight decay. */
    public static final double DEFAULT_ADAM_WEIGHT_DECAY = 0;
    /** PyTorch's AdamW: decoupled weight decay 0.01. */
    public static final double DEFAULT_ADAMW_WEIGHT_DECAY = 0.01;
    /** PyTorch's β₁. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** PyTorch's β₂. */
    public static final double DEFAULT_BETA2 = 0.999;

    public OptimizerConfig {
        String name = kind == Kind.ADAMW ? "adamw" : "adam";
        Require.positive(name, "learningRate", learningRate);
        Require.nonNegative(name, "weightDecay", weightDecay);
        Require.inHalfOpen(name, "beta1", beta1, 0, 1);
        Require.inHalfOpen(name, "beta2", beta2, 0, 1);
    }

    public static OptimizerConfig adam(double learningRate) {
        return new OptimizerConfig(Kind.ADAM, learningRate, DEFAULT_ADAM_WEIGHT_DECAY, DEFAULT_BETA1, DEFAULT_BETA2);
    }

    public static OptimizerConfig adamW(double learningRate, double weightDecay) {
        return new OptimizerConfig(Kind.ADAMW, learningRate, weightDecay, DEFAULT_BETA1, DEFAULT_BETA2);
    }

    public OptimizerConfig withWeightDecay(double wd) {
        return new OptimizerConfig(kind, learningRate, wd, beta1, beta2);
    }

    Optimizer build() {
        Tracker lr = Tracker.fixed((float) learningRate);
        if (kind == Kind.ADAMW) {
            return Optimizer.adamW().optLearningRateTracker(lr).optWeightDecays((float) weightDecay)
                    .optBeta1((float) beta1).optBeta2((float) beta2).build();
        }
        return Optimizer.adam().optLearningRateTracker(lr).optWeightDecays((float) weightDecay)
                .optBeta1((float) beta1).optBeta2((float) beta2).build();
    }
}
