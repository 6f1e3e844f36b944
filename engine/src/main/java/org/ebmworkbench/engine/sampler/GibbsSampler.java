package org.ebmworkbench.engine.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * Gibbs sampling of binary states x ∈ {0, 1}^D (Geman & Geman 1984), the sampler of discrete EBMs: the discrete
 * ED papers' CD baseline takes "10 Gibbs rounds" (docs/methods.md §4.5), a round being one sweep of this sampler.
 *
 * <p>One step is one systematic-scan sweep: sites 0, 1, …, D−1 in that order, each drawn from its exact conditional.
 * For site i, with x⁰ = x with x_i = 0 and x¹ = x with x_i = 1, p(x_i = 1 | x_{−i}) = σ(E(x⁰) − E(x¹)) (σ the
 * logistic function), since the normaliser and every term not involving x_i cancel; x_i is set to 1 where U < that
 * probability, U ~ U(0, 1), independently for every chain. Each site update leaves p ∝ exp(−E) invariant, so a
 * sweep does too, and a sweep reaches every state with positive probability when the energies are finite: the chain
 * converges to p from any start. Both energies of all chains come from one forward pass over the 2N rows
 * [x⁰; x¹]; the loop over sites is on the host, every operation inside it covers all chains at once. A sweep thus
 * costs D forward passes of 2N rows.
 *
 * <p>No gradient is needed: the energies are evaluated with the parameters detached and no collector is opened, so
 * nothing is recorded for backward. Diagnostics: {@code acceptance_rate} is exactly 1 (every draw from a conditional
 * is kept), {@code energy_gap} as for every sampler, and no {@code grad_norm} (see {@link SamplerResult}). The
 * sampler contract still holds: a run inside an open {@code GradientCollector} fails, so that a caller that would
 * break it with a gradient sampler learns so with this one too.
 *
 * <p>States are rows of shape (chains, D) in any floating-point type (kept); every start entry must be exactly 0 or
 * 1, which each run checks once (one read to the host).
 */
public final class GibbsSampler implements Sampler {
    private static final String NAME = "gibbs";

    private GibbsSampler() {}

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SamplerResult run(EnergyModel energy, Parameters params, NDArray start, int steps, NDManager manager) {
        try (ChainRun run = new ChainRun(NAME, energy, start, steps, params, manager)) {
            NDArray x = run.copyOf(start);
            checkBinary(x);
            int d = energy.inputDim();
            DataType type = x.getDataType();
            // Row i of the identity is e_i; row i of its complement keeps every site but i.
            NDArray onehot = manager.eye(d, d, 0, type);
            NDArray others = onehot.neg().add(1);
            run.recordInitialEnergy(energy.energy(run.frozen(), x));
            NDList state = new NDList(x);
            for (int k = 0; k < steps; k++) {
                for (int i = 0; i < d; i++) {
                    int site = i;
                    state = ChainRun.advance(state, s -> update(energy, run.frozen(), s.head(), onehot.get(site),
                            others.get(site)));
                }
            }
            return run.finish(state.get(0), state.get(1));
        }
    }

    /** One site of every chain drawn from its conditional; returns the new states and their energies. */
    private static NDList update(EnergyModel energy, Parameters frozen, NDArray x, NDArray onehot, NDArray others) {
        NDArray off = x.mul(others);
        NDArray on = off.add(onehot);
        NDList energies = energy.energy(frozen, NDArrays.concat(new NDList(off, on))).split(2);
        NDArray energyOff = energies.get(0);
        NDArray energyOn = energies.get(1);
        NDArray probabilityOn = ai.djl.nn.Activation.sigmoid(energyOff.sub(energyOn));
        NDArray u = x.getManager().randomUniform(0f, 1f, probabilityOn.getShape(), probabilityOn.getDataType());
        NDArray setOn = u.lt(probabilityOn);
        long chains = x.getShape().get(0);
        NDArray next = off.add(setOn.toType(x.getDataType(), false).reshape(chains, 1).mul(onehot));
        return new NDList(next, NDArrays.where(setOn, energyOn, energyOff));
    }

    /** Start states in a floating-point type with every entry exactly 0 or 1: one host read. */
    private static void checkBinary(NDArray x) {
        if (!x.getDataType().isFloating()) {
            throw new IllegalArgumentException(NAME + ": start states must have a floating-point type (they are fed"
                    + " to the energy), but have " + x.getDataType());
        }
        long nonBinary = x.eq(0).logicalOr(x.eq(1)).logicalNot().toType(DataType.INT64, false).sum().getLong();
        if (nonBinary > 0) {
            throw new IllegalArgumentException(NAME + ": start states must be binary (every entry 0 or 1), but "
                    + nonBinary + " of " + x.size() + " entries are not");
        }
    }

    /** Gibbs never computes ∇ₓE, so it has no {@code grad_norm}. */
    @Override
    public List<String> diagnosticNames() {
        return List.of(SamplerResult.ACCEPTANCE_RATE, SamplerResult.ENERGY_GAP);
    }

    @Override
    public String describe() {
        return "Gibbs, systematic scan, one sweep over the D sites per step";
    }

    /** The sampler has no hyper-parameters: a step is one sweep, and the number of steps is the caller's. */
    public static final class Builder {
        public GibbsSampler build() {
            return new GibbsSampler();
        }
    }
}
