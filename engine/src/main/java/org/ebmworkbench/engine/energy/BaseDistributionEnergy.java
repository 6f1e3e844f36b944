package org.ebmworkbench.engine.energy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.ebmworkbench.engine.proposal.Proposal;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * An energy tilted by a base distribution: E(x) = f(x) − log p0(x), i.e. p(x) ∝ p0(x)·exp(−f(x)).
 *
 * <p>SNL's 2-D runs use p0 = the proposal (docs/methods.md §6.3); then importance weights reduce to exp(−f − b).
 */
public final class BaseDistributionEnergy implements EnergyModel {
    private final EnergyModel inner;
    private final Proposal base;

    public BaseDistributionEnergy(EnergyModel inner, Proposal base) {
        if (inner.inputDim() != base.dim()) {
            throw new IllegalArgumentException("base distribution has dimension " + base.dim()
                    + " but the energy expects " + inner.inputDim());
        }
        this.inner = inner;
        this.base = base;
    }

    public EnergyModel inner() {
        return inner;
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
        return inner.energy(params, x).sub(base.logProb(x));
    }

    @Override
    public String describe() {
        return inner.describe() + " with base distribution " + base.describe();
    }
}
