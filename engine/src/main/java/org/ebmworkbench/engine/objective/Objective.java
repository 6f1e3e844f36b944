package org.ebmworkbench.engine.objective;

import ai.djl.ndarray.NDArray;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * A training objective: a scalar loss to minimise on a batch of data, plus named diagnostics.
 *
 * <p>Lifecycle, driven by the trainer: {@link #initialize} once (outside any gradient collector) to create the
 * objective's own parameters; then each step {@link #beforeStep} (outside the collector, parameters frozen) and
 * {@link #loss} (inside it). Diagnostics are scalar tensors that the trainer reads to the host only at logging
 * steps, so computing them costs no synchronisation.
 */
public interface Objective {

    /** Short name for logs and reports, e.g. {@code snl}. */
    String name();

    /**
     * Learnable parameters of the objective beside the energy's (SNL's b, NCE's c), created in
     * {@code context.manager()}; {@code context.parameters()} holds the energy's initial parameters.
     */
    default Parameters initialize(ObjectiveContext context) {
        return Parameters.empty();
    }

    /** Hook before each step's gradient collection, e.g. to re-estimate a normaliser. */
    default void beforeStep(ObjectiveContext context) {}

    /** The loss on {@code batch} (N x D). {@code context.parameters()} holds energy and objective parameters. */
    Loss loss(ObjectiveContext context, NDArray batch);

    /** One line with the hyper-parameters, for logs and reports. */
    String describe();
}
