package org.ebmworkbench.engine.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The few autograd operations that DJL's engine-neutral API does not expose, kept in one place so the rest of the
 * engine stays on the DJL API. DJL's PyTorch engine does not zero gradients between backward passes, so the trainer
 * zeroes them itself after each optimiser update.
 */
public final class Autograd {
    private Autograd() {}

    /** Sets the accumulated gradient of a leaf tensor to zero, in place. */
    public static void zeroGradient(NDArray parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter);
    }
}
