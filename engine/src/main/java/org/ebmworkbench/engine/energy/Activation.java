package org.ebmworkbench.engine.energy;

import ai.djl.ndarray.NDArray;

/** Hidden-layer non-linearities of {@link MlpEnergy}. */
public enum Activation {
    /** log(1 + e^x): smooth, the ED 2-D experiments' choice. */
    SOFTPLUS,
    /** x * sigmoid(x) (swish with beta = 1): the ED Fig. 2 and discrete-toy choice. */
    SILU,
    RELU,
    /** max(x, slope * x), slope set on the model. */
    LEAKY_RELU;

    NDArray apply(NDArray x, float leakySlope) {
        switch (this) {
            case SOFTPLUS:
                return ai.djl.nn.Activation.softPlus(x);
            case SILU:
                return x.mul(ai.djl.nn.Activation.sigmoid(x));
            case RELU:
                return ai.djl.nn.Activation.relu(x);
            case LEAKY_RELU:
                return ai.djl.nn.Activation.leakyRelu(x, leakySlope);
            default:
                throw new AssertionError(this);
        }
    }
}
