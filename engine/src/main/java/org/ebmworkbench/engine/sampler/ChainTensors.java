package org.ebmworkbench.engine.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.stream.IntStream;

/** Per-chain tensor operations shared by the samplers; chains lie along axis 0. */
final class ChainTensors {
    private ChainTensors() {}

    /** Σ over every axis but the first of x², one value per chain. */
    static NDArray squaredNorms(NDArray x) {
        int[] axes = IntStream.range(1, x.getShape().dimension()).toArray();
        return axes.length == 0 ? x.square() : x.square().sum(axes);
    }

    /**
     * The Metropolis–Hastings decision of every chain: log U < log α with U ~ U(0, 1). A NaN log α (a proposal whose
     * energy is not finite) compares false, so it is rejected.
     */
    static NDArray accept(NDArray logAlpha) {
        NDArray u = logAlpha.getManager().randomUniform(0f, 1f, logAlpha.getShape());
        return u.log().lt(logAlpha);
    }

    /** Row i of {@code ifTrue} where {@code mask[i]}, otherwise row i of {@code ifFalse}. */
    static NDArray select(NDArray mask, NDArray ifTrue, NDArray ifFalse) {
        long[] shape = new long[ifTrue.getShape().dimension()];
        Arrays.fill(shape, 1);
        shape[0] = mask.getShape().get(0);
        // DJL's where does not broadcast the condition, so it is expanded to the rows' shape.
        return NDArrays.where(mask.reshape(new Shape(shape)).broadcast(ifTrue.getShape()), ifTrue, ifFalse);
    }

    /** Elementwise clip to [−c, c], i.e. projection onto the ℓ∞ ball of radius c. */
    static NDArray clipElementwise(NDArray gradient, double c) {
        return gradient.clip(-c, c);
    }
}
