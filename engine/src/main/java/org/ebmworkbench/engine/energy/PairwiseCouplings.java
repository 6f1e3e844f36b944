package org.ebmworkbench.engine.energy;

import ai.djl.ndarray.NDArray;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * An energy on binary states with an explicit pairwise coupling matrix, for metrics that compare it with a known one
 * (the log-RMSE of J on the lattice Ising benchmark, Grathwohl et al. 2021, arXiv:2102.04509).
 *
 * <p>Convention: with spins s = 2x − 1 ∈ {−1, 1}^D, E(x) = −(sᵀ J s + bᵀ s), the lattice-Ising convention of
 * Grathwohl et al., so a model fitted to lattice data generated with J = σA (A the lattice adjacency) should return
 * J ≈ σA.
 */
public interface PairwiseCouplings {

    /** The symmetric D x D coupling matrix J with zero diagonal at {@code params}, detached from the graph. */
    NDArray couplings(Parameters params);
}
