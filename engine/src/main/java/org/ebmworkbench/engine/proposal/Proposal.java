package org.ebmworkbench.engine.proposal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A normalised distribution q with a sampler and an exact log-density: the proposal of SNL and importance
 * sampling, the noise of NCE, an optional base distribution of an energy.
 *
 * <p>Samples come from the engine's random generator and carry no gradient. Constant parameters live on the
 * device of the manager the proposal was built with.
 */
public interface Proposal {

    int dim();

    /** {@code n} samples (n x D), created in {@code manager}. */
    NDArray sample(NDManager manager, int n);

    /** log q(x) for the rows of x (N x D), shape N. */
    NDArray logProb(NDArray x);

    String describe();
}
