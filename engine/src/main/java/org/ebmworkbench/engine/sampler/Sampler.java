package org.ebmworkbench.engine.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * Advances a batch of Markov chains x (N x D) on p ∝ exp(−E(params, ·)).
 *
 * <p>Contract: called outside the training {@code GradientCollector} (DJL allows one per process at a time; a
 * gradient sampler opens its own to get ∇ₓE, and a gradient-free one such as Gibbs still fails inside one, so that
 * samplers are interchangeable); the parameters are used detached ({@link Parameters#detached()}), so sampling
 * never adds to their gradients. The chains carry no gradient. Diagnostics are scalar tensors, read to the host only
 * when the caller logs.
 */
public interface Sampler {

    /** Short name for logs and reports, e.g. {@code langevin}. */
    String name();

    /** Runs {@code steps} transitions from {@code start}; the new states are created in {@code manager}. */
    SamplerResult run(EnergyModel energy, Parameters params, NDArray start, int steps, NDManager manager);

    /**
     * The names of the diagnostics {@link #run} reports, known before it runs: by default those of a gradient-based
     * sampler ({@link SamplerResult#ACCEPTANCE_RATE}, {@link SamplerResult#ENERGY_GAP}, {@link SamplerResult#GRAD_NORM}).
     */
    default List<String> diagnosticNames() {
        return List.of(SamplerResult.ACCEPTANCE_RATE, SamplerResult.ENERGY_GAP, SamplerResult.GRAD_NORM);
    }

    /** One line with the hyper-parameters. */
    String describe();
}
