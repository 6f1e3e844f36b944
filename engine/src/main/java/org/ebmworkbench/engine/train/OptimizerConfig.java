package org.ebmworkbench.engine.train;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * Adam or AdamW (decoupled weight decay) with a fixed learning rate. Both run as DJL's fused native update.
 *
 * @param weightDecay for ADAM an L2 term added to the gradient (the official SNL 2-D YAML: Adam, 5e-4); for ADAMW the
 *     decoupled decay of Loshchilov and Hutter
 */
public record OptimizerConfig(Kind kind, double learningRate, double weightDecay, double beta1, double beta2) {
    public enum Kind { ADAM, ADAMW }

    public OptimizerConfig {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("optimizer: learning rate must be positive and finite, was " + learningRate);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("optimizer: weight decay must be >= 0, was " + weightDecay);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("optimizer: betas must lie in [0, 1), were " + beta1 + ", " + beta2);
        }
    }

    public static OptimizerConfig adam(double learningRate) {
        return new OptimizerConfig(Kind.ADAM, learningRate, 0, 0.9, 0.999);
    }

    public static OptimizerConfig adamW(double learningRate, double weightDecay) {
        return new OptimizerConfig(Kind.ADAMW, learningRate, weightDecay, 0.9, 0.999);
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
