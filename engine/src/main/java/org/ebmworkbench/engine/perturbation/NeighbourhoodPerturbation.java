package org.ebmworkbench.engine.perturbation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * ED-grid, the neighbourhood perturbation (Schröder et al. 2024, arXiv:2412.01019): y is x with one uniformly chosen
 * bit flipped, and each negative is y with one uniformly chosen bit flipped (so x itself is a negative with
 * probability 1/D). On the hypercube every state has D neighbours, so the weights 1/|N(x')| of a general neighbourhood
 * are one constant and drop out of the loss.
 *
 * <p>Binary states only. Random draws, in this order: the flipped site of y (N) and of each negative (N x m), uniform
 * integers in [0, D).
 */
public final class NeighbourhoodPerturbation implements Perturbation {
    private NeighbourhoodPerturbation() {}

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "grid";
    }

    @Override
    public NDArray negatives(NDManager manager, NDArray batch, int m) {
        long n = batch.getShape().get(0);
        int dim = (int) batch.getShape().get(1);
        DataType type = batch.getDataType();
        NDArray site = manager.randomInteger(0, dim, new Shape(n), DataType.INT64).oneHot(dim, type);
        NDArray perturbed = BinaryFlips.xor(batch, site);
        NDArray negativeSite = manager.randomInteger(0, dim, new Shape(n, m), DataType.INT64).oneHot(dim, type);
        return BinaryFlips.xor(perturbed.expandDims(1), negativeSite).reshape(n * m, dim);
    }

    @Override
    public boolean binary() {
        return true;
    }

    @Override
    public String describe() {
        return "one uniformly chosen bit flipped (grid neighbourhood)";
    }

    /** The perturbation has no parameter. */
    public static final class Builder {
        private Builder() {}

        public NeighbourhoodPerturbation build() {
            return new NeighbourhoodPerturbation();
        }
    }
}
