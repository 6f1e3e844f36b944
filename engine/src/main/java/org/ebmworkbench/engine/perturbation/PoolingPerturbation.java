package org.ebmworkbench.engine.perturbation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.ebmworkbench.engine.check.Require;

/**
 * ED-pool, a deterministic transform (Schröder et al. 2024, arXiv:2412.01019): y = g(x), the sums of x over
 * consecutive windows of {@code window} coordinates (the last window may be shorter). The contrasted energy
 * −log Σ_{x' : g(x') = y} exp(−E(x')) is estimated with negatives drawn uniformly from the pre-image g⁻¹(y): x with its
 * entries randomly permuted within each window, which keeps the number of ones of every window. With window ≥ D (the
 * official 32 on the 32-bit toys) a negative is a random permutation of the whole state.
 *
 * <p>A uniform permutation of each window comes from sorting i.i.d. uniform keys: key = U + (window index), so a
 * single argsort of a row never moves an entry out of its window. Random draws: U (N x m x D) uniform on [0, 1), in float64.
 *
 * <p>With this kernel the loss is mean_i −log p(xᵢ | g(xᵢ)) up to the stabiliser: ED-pool fits the law of x given its
 * window sums, and leaves the law of the sums themselves unidentified.
 */
public final class PoolingPerturbation implements Perturbation {
    private final int window;

    private PoolingPerturbation(Builder b) {
        this.window = b.window;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The window width: entries are permuted only among the {@code window} coordinates of their window. */
    public int window() {
        return window;
    }

    @Override
    public String name() {
        return "pool";
    }

    @Override
    public NDArray negatives(NDManager manager, NDArray batch, int m) {
        long n = batch.getShape().get(0);
        long dim = batch.getShape().get(1);
        // Window index ⌊d / window⌋ of every coordinate, added to the keys so that windows sort apart; float64 keeps
        // the uniform part's resolution (ties would bias the permutation) whatever the number of windows.
        NDArray windowIndex = manager.arange(0f, (float) dim, 1f, DataType.FLOAT64).div(window).floor();
        NDArray keys = manager.randomUniform(0f, 1f, new Shape(n, m, dim), DataType.FLOAT64).add(windowIndex);
        NDArray order = keys.argSort(2);
        NDArray copies = batch.expandDims(1).broadcast(new Shape(n, m, dim));
        return copies.gather(order, 2).reshape(n * m, dim);
    }

    @Override
    public boolean binary() {
        return true;
    }

    @Override
    public String describe() {
        return "random permutations within windows of " + window + " (pooling)";
    }

    /** Builder with the official window 32 of the 32-bit toys. */
    public static final class Builder {
        /** The window of the 32-bit Gray-code toys: one permutation of all 32 bits. */
        public static final int DEFAULT_WINDOW = 32;

        private int window = DEFAULT_WINDOW;

        private Builder() {}

        /** Width of the windows whose entries are permuted among themselves (≥ D: the whole state). */
        public Builder optWindow(int window) {
            this.window = window;
            return this;
        }

        public PoolingPerturbation build() {
            Require.atLeast("poolingPerturbation", "window", window, 1);
            return new PoolingPerturbation(this);
        }
    }
}
