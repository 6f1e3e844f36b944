package org.ebmworkbench.engine.perturbation;

import ai.djl.ndarray.NDArray;

/** Bit flips of binary states as tensor arithmetic: the perturbations' exclusive or. */
final class BinaryFlips {
    private BinaryFlips() {}

    /** x ⊕ f for 0/1 tensors of the same type (f broadcast against x): x + f − 2xf. */
    static NDArray xor(NDArray x, NDArray flips) {
        return x.add(flips).sub(x.mul(flips).mul(2));
    }
}
