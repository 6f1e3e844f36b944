package org.ebmworkbench.engine.perturbation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The perturbation q(y | x) of energy discrepancy, seen through what the ED estimator needs from it: m negatives per
 * data point, drawn so that mean_j exp(−E(x⁻ⱼ)) estimates the contrasted term Σ_x' q(y | x') exp(−E(x')) up to a
 * factor that does not depend on E.
 *
 * <p>For a symmetric kernel (Gaussian, Bernoulli flips, one flip on the hypercube) y ~ q(· | x) and the negatives are
 * x⁻ⱼ ~ q(· | y). For a deterministic transform y = g(x) (pooling) the negatives are uniform draws from the
 * pre-image g⁻¹(y). In both cases the loss only compares energies of data points and of their negatives, so it is
 * unchanged when a constant is added to E.
 *
 * <p>Implementations draw from the engine's random generator in a documented order, use only tensor operations (no
 * per-element host loop, no host read), and keep the batch's data type.
 */
public interface Perturbation {

    /** Short name for logs and labels, e.g. {@code gaussian} or {@code bernoulli}. */
    String name();

    /**
     * The m negatives of every row of {@code batch} (N x D) as N·m rows: rows i·m … i·m + m − 1 are those of data
     * point i. Created in {@code manager}, without gradient.
     */
    NDArray negatives(NDManager manager, NDArray batch, int m);

    /**
     * Whether the perturbation is defined on binary states x ∈ {0, 1}^D only; callers with data check the data once
     * against it (the estimator itself never reads tensors back to the host).
     */
    boolean binary();

    /** One line with the perturbation's parameters, for logs and reports. */
    String describe();
}
