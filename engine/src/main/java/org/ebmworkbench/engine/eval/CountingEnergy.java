package org.ebmworkbench.engine.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * An energy that counts the rows it evaluates (host-side shape metadata, no synchronisation): the energy evaluations of
 * a sampler, a row evaluated under a gradient collector counting as one.
 */
final class CountingEnergy implements EnergyModel {
    private final EnergyModel inner;
    private long rows;

    CountingEnergy(EnergyModel inner) {
        this.inner = inner;
    }

    long rows() {
        return rows;
    }

    @Override
    public int inputDim() {
        return inner.inputDim();
    }

    @Override
    public Parameters initialize(NDManager manager) {
        return inner.initialize(manager);
    }

    @Override
    public NDArray energy(Parameters params, NDArray x) {
        rows += x.getShape().get(0);
        return inner.energy(params, x);
    }

    @Override
    public String describe() {
        return inner.describe();
    }
}
