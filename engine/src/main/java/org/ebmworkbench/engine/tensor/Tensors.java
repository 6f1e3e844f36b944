package org.ebmworkbench.engine.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Numerically careful tensor helpers that DJL does not provide. */
public final class Tensors {
    private Tensors() {}

    /**
     * log(sum(exp(x))) along {@code axis}, stable for large |x|. The shift is detached: the gradient of logsumexp
     * does not depend on it, and detaching keeps the graph small.
     */
    public static NDArray logSumExp(NDArray x, int axis) {
        // Any finite shift gives the same value. An infinite row maximum would give nan from (-inf) - (-inf), so it
        // is clipped to the largest finite number: a row of -inf then sums to 0 (logsumexp -inf) and a +inf entry
        // to +inf, as they should. One clip instead of isInfinite/where: this runs in every training step.
        double largest = x.getDataType() == DataType.FLOAT64 ? Double.MAX_VALUE : Float.MAX_VALUE;
        NDArray finiteShift = x.max(new int[] {axis}, true).stopGradient().clip(-largest, largest);
        NDArray sum = x.sub(finiteShift).exp().sum(new int[] {axis});
        return sum.log().add(finiteShift.squeeze(axis));
    }

    /** logsumexp over every element, returning a scalar. */
    public static NDArray logSumExp(NDArray x) {
        return logSumExp(x.flatten(), 0);
    }

    /** log of the mean of exp(x): logsumexp(x) - log n. */
    public static NDArray logMeanExp(NDArray x) {
        return logSumExp(x).sub(Math.log(x.size()));
    }

    /** Effective sample size (sum w)^2 / sum w^2 of importance weights given as log w. */
    public static NDArray effectiveSampleSize(NDArray logWeights) {
        return logSumExp(logWeights).mul(2).sub(logSumExp(logWeights.mul(2))).exp();
    }

    /** An n x d float32 tensor from row-major host data. */
    public static NDArray fromRows(NDManager manager, float[] rowMajor, int n, int d) {
        return manager.create(rowMajor, new Shape(n, d));
    }

    /** A float32 vector from doubles. */
    public static NDArray vector(NDManager manager, double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return manager.create(f);
    }

    /** Reads a scalar to the host: a synchronisation point, use only where a number is really needed. */
    public static double scalar(NDArray x) {
        return x.toType(DataType.FLOAT64, false).getDouble();
    }
}
