package org.ebmworkbench.engine.proposal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** The support of the proposals on {0, 1}^D: a row outside it has log-density −∞. */
final class BinaryRows {
    private BinaryRows() {}

    /** {@code logDensity} (shape N) where the row of x is binary, −∞ elsewhere. */
    static NDArray onlyOnCube(NDArray x, NDArray logDensity) {
        long d = x.getShape().get(1);
        NDArray binaryRow = x.eq(0).logicalOr(x.eq(1)).toType(DataType.INT32, false).sum(new int[] {1}).eq(d);
        NDArray outside = x.getManager().full(new Shape(x.getShape().get(0)), Float.NEGATIVE_INFINITY,
                logDensity.getDataType());
        return NDArrays.where(binaryRow, logDensity, outside);
    }

    /** {@code n} rows whose entry j is 1 with probability p_j: {@code p} is a vector of D probabilities. */
    static NDArray bernoulli(NDManager manager, int n, NDArray p) {
        long d = p.getShape().get(0);
        return manager.randomUniform(0f, 1f, new Shape(n, d)).lt(p).toType(DataType.FLOAT32, false);
    }
}
