package org.ebmworkbench.engine.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Locale;
import org.ebmworkbench.engine.check.Require;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.tensor.Parameters;
import org.jspecify.annotations.Nullable;

/**
 * Gibbs sampling of binary states x ∈ {0, 1}^D (Geman & Geman 1984), the sampler of discrete EBMs: the discrete
 * ED papers' CD baseline takes "10 Gibbs rounds" (docs/methods.md §4.5), a round being one sweep of this sampler.
 *
 * <p>One step is D site updates, each drawn from its exact conditional. With the systematic scan (the default) the
 * sites are 0, 1, …, D−1 in that order; with the random scan every update picks a site uniformly at random,
 * independently for every chain (the random-scan kernel is reversible, the systematic one is not, both leave p
 * invariant). For site i, with x⁰ = x with x_i = 0 and x¹ = x with x_i = 1, p(x_i = 1 | x_{−i}) = σ(E(x⁰) − E(x¹)) (σ the
 * logistic function), since the normaliser and every term not involving x_i cancel; x_i is set to 1 where U < that
 * probability, U ~ U(0, 1), independently for every chain. Each site update leaves p ∝ exp(−E) invariant, so a
 * sweep does too, and a sweep reaches every state with positive probability when the energies are finite: the chain
 * converges to p from any start. Both energies of all chains come from one forward pass over the 2N rows
 * [x⁰; x¹]; the loop over the D updates is on the host, every operation inside it covers all chains at once. A
 * sweep thus costs D forward passes of 2N rows. Random draws per update: the random scan's sites (N integers in
 * [0, D)), then the N uniforms of the conditional draws.
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

    /** The order in which a step visits the sites. */
    public enum Scan {
        /** Sites 0, 1, …, D − 1 in order, the same for every chain. */
        SYSTEMATIC,
        /** D updates per step, each at a uniformly random site drawn independently per chain. */
        RANDOM
    }

    private final Scan scan;

    private GibbsSampler(Builder b) {
        this.scan = b.scan;
    }

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
            BinaryStates.check(NAME, x);
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
                    state = ChainRun.advance(state, s -> scan == Scan.SYSTEMATIC
                            ? update(energy, run.frozen(), s.head(), onehot.get(site), others.get(site))
                            : update(energy, run.frozen(), s.head(), randomSites(s.head(), d), null));
                }
            }
            return run.finish(state.get(0), state.get(1));
        }
    }

    /** One uniformly random site per chain, as one-hot rows (N x D) in x's type. */
    private static NDArray randomSites(NDArray x, int d) {
        long chains = x.getShape().get(0);
        return x.getManager().randomInteger(0, d, new Shape(chains), DataType.INT64).oneHot(d, x.getDataType());
    }

    /**
     * One site of every chain drawn from its conditional; returns the new states and their energies. {@code onehot}
     * is e_i (one site for all chains, with {@code others} = 1 − e_i) or one row per chain (then {@code others} is
     * null and is derived from it).
     */
    private static NDList update(EnergyModel energy, Parameters frozen, NDArray x, NDArray onehot,
            @Nullable NDArray others) {
        NDArray off = x.mul(others != null ? others : onehot.neg().add(1));
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

    /** Gibbs never computes ∇ₓE, so it has no {@code grad_norm}. */
    @Override
    public List<String> diagnosticNames() {
        return List.of(SamplerResult.ACCEPTANCE_RATE, SamplerResult.ENERGY_GAP);
    }

    @Override
    public String describe() {
        return "Gibbs, " + scan.name().toLowerCase(Locale.ROOT) + " scan, D site updates per step";
    }

    public Scan scan() {
        return scan;
    }

    /** A step is D site updates, the number of steps is the caller's; the one option is the scan order. */
    public static final class Builder {
        /** The systematic scan, the discrete-ED papers' Gibbs rounds. */
        public static final Scan DEFAULT_SCAN = Scan.SYSTEMATIC;

        private Scan scan = DEFAULT_SCAN;

        /** The order in which each step visits the sites. */
        public Builder optScan(Scan scan) {
            this.scan = scan;
            return this;
        }

        public GibbsSampler build() {
            Require.that(scan != null, NAME, "scan", "be SYSTEMATIC or RANDOM", scan);
            return new GibbsSampler(this);
        }
    }
}
