package org.ebmworkbench.engine.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.tensor.Parameters;
import org.jspecify.annotations.Nullable;

/**
 * What every sampler run shares: the tensor bookkeeping, so that a run leaks nothing whatever its length, and the
 * diagnostics of {@link SamplerResult}, so that every sampler reports them the same way.
 *
 * <p>A run-wide {@link NDScope} owns the detached parameter views, the accumulators and the current chain state;
 * each transition runs in a scope of its own ({@link #advance}) that frees everything but the new state. The
 * results are handed back to the caller's scope, if it has one, as if an ordinary operation had created them there.
 *
 * <p>Diagnostics: a transition reports ‖∇ₓE‖ at the states it starts from ({@link #recordGradient}), the energies of
 * the start states once ({@link #recordInitialEnergy}), and MH decisions through {@link #metropolis}; a run that
 * never calls {@link #metropolis} is unadjusted (or, like Gibbs, keeps every draw) and reports an acceptance rate of
 * exactly 1; a run that never calls {@link #recordGradient} is gradient-free and reports no gradient norm.
 *
 * <p>The contract that samplers run outside any open {@code GradientCollector} is checked when the run begins, for
 * every sampler, gradient-free ones included, before any tensor is allocated.
 */
final class ChainRun implements AutoCloseable {
    private final String sampler;
    private final EnergyModel energy;
    private final int steps;
    private final NDScope runScope;
    private final Parameters frozen;
    private final NDManager manager;
    private final long startNanos;
    private final NDArray gradNormSum;
    private final NDArray acceptedSum;
    private final NDArray initialEnergy;
    private boolean adjusted;
    private boolean gradientRecorded;
    private @Nullable NDList results;

    ChainRun(String sampler, EnergyModel energy, NDArray start, int steps, Parameters params, NDManager manager) {
        checkArguments(sampler, energy, start, steps);
        checkOutsideCollector(sampler);
        this.sampler = sampler;
        this.energy = energy;
        this.steps = steps;
        this.runScope = new NDScope();
        this.frozen = params.detached();
        this.manager = manager;
        this.startNanos = System.nanoTime();
        this.gradNormSum = manager.zeros(new Shape());
        this.acceptedSum = manager.zeros(new Shape());
        this.initialEnergy = manager.zeros(new Shape());
    }

    /** The parameters cut from the autograd graph: input gradients only, never parameter gradients. */
    Parameters frozen() {
        return frozen;
    }

    /** E and ∇ₓE at the rows of {@code x}, both detached. */
    EnergyGradient at(NDArray x) {
        return EnergyGradient.at(energy, frozen, x, sampler);
    }

    /** A copy of the start states in the run's manager (the caller's array is never modified or freed). */
    NDArray copyOf(NDArray start) {
        NDArray x = start.stopGradient().duplicate();
        x.attach(manager);
        return x;
    }

    /**
     * The state (x, E(x), ∇ₓE(x)) at a copy of {@code start}, for samplers that carry the energy and gradient of the
     * current state from step to step; records the initial energy.
     */
    NDList stateWithGradient(NDArray start) {
        NDList state = advance(new NDList(copyOf(start)), s -> {
            EnergyGradient eg = at(s.head());
            return new NDList(s.head(), eg.energy(), eg.gradient());
        });
        recordInitialEnergy(state.get(1));
        return state;
    }

    /** Adds the mean over chains of ‖∇ₓE‖ at one step's start states, for {@link SamplerResult#GRAD_NORM}. */
    void recordGradient(NDArray gradient) {
        gradientRecorded = true;
        gradNormSum.addi(ChainTensors.squaredNorms(gradient).sqrt().mean());
    }

    /** The energies (one per chain) of the start states, for {@link SamplerResult#ENERGY_GAP}. */
    void recordInitialEnergy(NDArray energies) {
        initialEnergy.addi(energies.mean());
    }

    /**
     * The Metropolis–Hastings step of every chain on a state (x, E(x), ∇ₓE(x)): accepts the proposal's row where
     * log U < {@code logAlpha}, keeps the current row otherwise, and records the acceptance rate.
     */
    NDList metropolis(NDArray logAlpha, NDList proposal, NDList current) {
        adjusted = true;
        NDArray accepted = ChainTensors.accept(logAlpha);
        acceptedSum.addi(accepted.toType(DataType.FLOAT32, false).mean());
        return new NDList(
                ChainTensors.select(accepted, proposal.get(0), current.get(0)),
                NDArrays.where(accepted, proposal.get(1), current.get(1)),
                ChainTensors.select(accepted, proposal.get(2), current.get(2)));
    }

    /**
     * Runs one transition in its own scope. Every tensor it creates is freed except those it returns, which move to
     * the enclosing scope; the arrays of {@code state} that it does not return are freed.
     */
    static NDList advance(NDList state, UnaryOperator<NDList> transition) {
        NDList next;
        try (NDScope ignored = new NDScope()) {
            next = transition.apply(state);
            NDScope.unregister(next);
        }
        for (NDArray a : next) {
            NDScope.register(a);
        }
        for (NDArray old : state) {
            if (!containsSame(next, old)) {
                NDScope.unregister(old);
                old.close();
            }
        }
        return next;
    }

    /**
     * The result with the recorded diagnostics ({@link SamplerResult#GRAD_NORM} only if a gradient was recorded);
     * {@code finalEnergies} are the energies of {@code samples}, one per chain. Its tensors survive the run and belong
     * to the caller's scope once the run is closed.
     */
    SamplerResult finish(NDArray samples, NDArray finalEnergies) {
        Map<String, NDArray> diagnostics = new LinkedHashMap<>();
        diagnostics.put(SamplerResult.ACCEPTANCE_RATE, adjusted ? acceptedSum.div(steps) : manager.create(1f));
        diagnostics.put(SamplerResult.ENERGY_GAP, finalEnergies.mean().sub(initialEnergy));
        if (gradientRecorded) {
            diagnostics.put(SamplerResult.GRAD_NORM, gradNormSum.div(steps));
        }
        NDList kept = new NDList(samples);
        kept.addAll(diagnostics.values());
        NDScope.unregister(kept);
        results = kept;
        return new SamplerResult(samples, diagnostics, (System.nanoTime() - startNanos) / 1e9 / steps);
    }

    @Override
    public void close() {
        runScope.close();
        if (results != null) {
            for (NDArray a : results) {
                NDScope.register(a);
            }
        }
    }

    private static boolean containsSame(NDList list, NDArray array) {
        for (NDArray a : list) {
            if (a == array) {
                return true;
            }
        }
        return false;
    }

    /**
     * Fails, naming the sampler, inside an open collector. DJL has no query for an open collector, so one is opened
     * and closed at once: the PyTorch engine refuses a second and restores the grad mode on close.
     */
    private static void checkOutsideCollector(String sampler) {
        EnergyGradient.openCollector(sampler).close();
    }

    private static void checkArguments(String sampler, EnergyModel energy, NDArray start, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException(sampler + ": steps must be >= 1, was " + steps);
        }
        Shape shape = start.getShape();
        if (shape.dimension() != 2 || shape.get(1) != energy.inputDim()) {
            throw new IllegalArgumentException(sampler + ": start states must have shape (chains, " + energy.inputDim()
                    + ") for this energy, but have " + shape);
        }
    }
}
