package org.ebmworkbench.engine.energy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * An energy function E(params, x) mapping a batch x (N x D) to energies (N), with p(x) proportional to
 * exp(-E(x)).
 *
 * <p>Implementations are immutable architectures; the learnable state lives in {@link Parameters}, created by
 * {@link #initialize}. This keeps raw weights, their EMA and reloaded checkpoints interchangeable.
 */
public interface EnergyModel {

    /** Input dimension D. */
    int inputDim();

    /**
     * Freshly initialised parameters in {@code manager}, drawn from the engine's random generator (seed it with
     * {@code Engine.getInstance().setRandomSeed}).
     */
    Parameters initialize(NDManager manager);

    /** Energies (shape N) of the rows of {@code x} (shape N x D). */
    NDArray energy(Parameters params, NDArray x);

    /** One line for logs and reports. */
    String describe();
}
