package org.ebmworkbench.engine.perturbation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.ebmworkbench.engine.check.Require;

/**
 * The Gaussian perturbation of continuous energy discrepancy (Schröder et al. 2023, arXiv:2307.06431):
 * y = x + √t ξ and negatives x⁻ⱼ = y + √t ξⱼ, all ξ ~ N(0, I). {@code t} is the VARIANCE (not the standard deviation;
 * the official notebooks disagree on this, and at the default t = 1 they agree).
 *
 * <p>Random draws, in this order and in the batch's data type: ξ (N x D), then ξᵢⱼ (N x m x D).
 */
public final class GaussianPerturbation implements Perturbation {
    private final double t;

    private GaussianPerturbation(Builder b) {
        this.t = b.t;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The variance t of each of the two Gaussian steps. */
    public double t() {
        return t;
    }

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public NDArray negatives(NDManager manager, NDArray batch, int m) {
        long n = batch.getShape().get(0);
        long dim = batch.getShape().get(1);
        double sd = Math.sqrt(t);
        NDArray xi = manager.randomNormal(0f, 1f, batch.getShape(), batch.getDataType());
        NDArray perturbed = batch.add(xi.mul(sd));
        NDArray xiNegative = manager.randomNormal(0f, 1f, new Shape(n, m, dim), batch.getDataType());
        return perturbed.expandDims(1).add(xiNegative.mul(sd)).reshape(n * m, dim);
    }

    @Override
    public boolean binary() {
        return false;
    }

    @Override
    public String describe() {
        return "t " + t + " (variance)";
    }

    /** Builder with the official 2-D variance t = 1. */
    public static final class Builder {
        /** The official 2-D perturbation variance. */
        public static final double DEFAULT_T = 1.0;

        private double t = DEFAULT_T;

        private Builder() {}

        /** Variance t of the perturbation (the noise is √t·ξ). */
        public Builder optT(double t) {
            this.t = t;
            return this;
        }

        public GaussianPerturbation build() {
            Require.positive("gaussianPerturbation", "t", t);
            return new GaussianPerturbation(this);
        }
    }
}
