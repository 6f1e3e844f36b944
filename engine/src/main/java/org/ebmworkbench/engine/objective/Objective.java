package org.ebmworkbench.engine.objective;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * A training objective: a scalar loss to minimise on a batch of data, plus named diagnostics.
 *
 * <p>Lifecycle, driven by the trainer: {@link #initialize} once (outside any gradient collector) to create the
 * objective's own parameters; then each step {@link #beforeStep(ObjectiveContext, NDArray)} (outside the collector,
 * parameters frozen; samplers run here) and {@link #loss} (inside it) on the same batch. Diagnostics are scalar
 * tensors that the trainer reads to the host only at logging steps, so computing them costs no synchronisation.
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

    /**
     * Hook before each step's gradient collection that also sees the step's batch (CD starts its chains there). The
     * trainer calls this one, inside the step's {@code NDScope} and outside the gradient collector, so tensors created
     * here are freed at the end of the step unless unregistered. Defaults to {@link #beforeStep(ObjectiveContext)}.
     */
    default void beforeStep(ObjectiveContext context, NDArray batch) {
        beforeStep(context);
    }

    /** The loss on {@code batch} (N x D). {@code context.parameters()} holds energy and objective parameters. */
    Loss loss(ObjectiveContext context, NDArray batch);

    /**
     * The names of the diagnostics {@link #loss} reports, every step the same. Known before training, so that a run's
     * log has a fixed set of columns from its first row.
     */
    List<String> diagnosticNames();

    /** One line with the hyper-parameters, for logs and reports. */
    String describe();
}
