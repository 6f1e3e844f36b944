package org.ebmworkbench.engine.sampler;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * Energies E(x) (N) and input gradients ∇ₓE(x) (same shape as x) of a batch of chain states, both detached.
 *
 * <p>Computed with a collector of the sampler's own on a leaf copy of x and detached parameters, so the parameters'
 * gradients are never touched. DJL's PyTorch engine allows one collector at a time, hence samplers must run outside
 * the training collector.
 */
record EnergyGradient(NDArray energy, NDArray gradient) {

    static EnergyGradient at(EnergyModel model, Parameters frozen, NDArray x, String sampler) {
        try (GradientCollector collector = openCollector(sampler)) {
            NDArray leaf = x.duplicate();
            leaf.setRequiresGradient(true);
            NDArray energy = model.energy(frozen, leaf);
            collector.backward(energy.sum());
            return new EnergyGradient(energy.stopGradient(), leaf.getGradient());
        }
    }

    /** A new collector, or a clear error if one is open already (the caller runs inside the training collector). */
    static GradientCollector openCollector(String sampler) {
        try {
            return Engine.getInstance().newGradientCollector();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(sampler + ": run() was called inside an open GradientCollector; DJL allows"
                    + " one at a time and the gradient samplers open their own to get ∇ₓE, so every sampler must run"
                    + " before the training collector opens (Objective.beforeStep)", e);
        }
    }
}
