package org.ebmworkbench.engine.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** What the samplers of binary states share: the check of their start states and the flip of chosen sites. */
final class BinaryStates {
    private BinaryStates() {}

    /** Start states in a floating-point type with every entry exactly 0 or 1: one host read per run. */
    static void check(String sampler, NDArray x) {
        if (!x.getDataType().isFloating()) {
            throw new IllegalArgumentException(sampler + ": start states must have a floating-point type (they are fed"
                    + " to the energy), but have " + x.getDataType());
        }
        long nonBinary = x.eq(0).logicalOr(x.eq(1)).logicalNot().toType(DataType.INT64, false).sum().getLong();
        if (nonBinary > 0) {
            throw new IllegalArgumentException(sampler + ": start states must be binary (every entry 0 or 1), but "
                    + nonBinary + " of " + x.size() + " entries are not");
        }
    }

    /** x with the sites where {@code sites} is 1 flipped: x + f − 2xf, for 0/1 tensors of x's type. */
    static NDArray flip(NDArray x, NDArray sites) {
        return x.add(sites).sub(x.mul(sites).mul(2));
    }
}
