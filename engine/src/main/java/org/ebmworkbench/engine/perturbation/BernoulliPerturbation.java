package org.ebmworkbench.engine.perturbation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.ebmworkbench.engine.check.Require;

/**
 * ED-Bernoulli (Schröder et al. 2024, arXiv:2412.01019): y = x ⊕ ξ with ξ_d ~ Bern(ε) independently, and, the kernel
 * being symmetric, negatives x⁻ⱼ = y ⊕ ξⱼ with fresh flips. The discrete analogue of the Gaussian perturbation: a
 * uniform-rate flip process run for time s gives ε = (1 − e^{−2s})/2.
 *
 * <p>Binary states only. Random draws, in this order: U (N x D) and Uⱼ (N x m x D) uniform on [0, 1), a bit flipped
 * where U < ε.
 */
public final class BernoulliPerturbation implements Perturbation {
    private final double epsilon;

    private BernoulliPerturbation(Builder b) {
        this.epsilon = b.epsilon;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The flip probability ε of each bit. */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public String name() {
        return "bernoulli";
    }

    @Override
    public NDArray negatives(NDManager manager, NDArray batch, int m) {
        long n = batch.getShape().get(0);
        long dim = batch.getShape().get(1);
        NDArray perturbed = BinaryFlips.xor(batch, flips(manager, batch.getShape(), batch));
        NDArray negativeFlips = flips(manager, new Shape(n, m, dim), batch);
        return BinaryFlips.xor(perturbed.expandDims(1), negativeFlips).reshape(n * m, dim);
    }

    private NDArray flips(NDManager manager, Shape shape, NDArray like) {
        return manager.randomUniform(0f, 1f, shape, like.getDataType()).lt(epsilon).toType(like.getDataType(), false);
    }

    @Override
    public boolean binary() {
        return true;
    }

    @Override
    public String describe() {
        return "Bernoulli flips, epsilon " + epsilon;
    }

    /** Builder with the discrete-ED toy default ε = 0.1. */
    public static final class Builder {
        /** The flip probability of the discrete-ED 2-D toys (binary images use 0.005). */
        public static final double DEFAULT_EPSILON = 0.1;

        private double epsilon = DEFAULT_EPSILON;

        private Builder() {}

        /** Flip probability ε of each bit, in (0, 0.5]: 0.5 makes y independent of x. */
        public Builder optEpsilon(double epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        public BernoulliPerturbation build() {
            Require.that(epsilon > 0 && epsilon <= 0.5, "bernoulliPerturbation", "epsilon", "be in (0, 0.5]", epsilon);
            return new BernoulliPerturbation(this);
        }
    }
}
