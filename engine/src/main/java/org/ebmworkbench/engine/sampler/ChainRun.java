package org.ebmworkbench.engine.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.tensor.Parameters;
import org.jspecify.annotations.Nullable;

/**
 * The tensor bookkeeping every sampler run shares, so that a run leaks nothing whatever its length.
 *
 * <p>A run-wide {@link NDScope} owns the detached parameter views, the accumulators and the current chain state;
 * each transition runs in a scope of its own ({@link #advance}) that frees everything but the new state. The
 * results are handed back to the caller's scope, if it has one, as if an ordinary operation had created them there.
 */
final class ChainRun implements AutoCloseable {
    private final NDScope runScope;
    private final Parameters frozen;
    private final NDManager manager;
    private final long startNanos;
    private @Nullable NDList results;

    ChainRun(String sampler, EnergyModel energy, NDArray start, int steps, Parameters params, NDManager manager) {
        checkArguments(sampler, energy, start, steps);
        this.runScope = new NDScope();
        this.frozen = params.detached();
        this.manager = manager;
        this.startNanos = System.nanoTime();
    }

    /** The parameters cut from the autograd graph: input gradients only, never parameter gradients. */
    Parameters frozen() {
        return frozen;
    }

    /** A copy of the start states in the run's manager (the caller's array is never modified or freed). */
    NDArray copyOf(NDArray start) {
        NDArray x = start.stopGradient().duplicate();
        x.attach(manager);
        return x;
    }

    /** A scalar zero in the run's manager, for accumulating diagnostics in place. */
    NDArray zero() {
        return manager.zeros(new Shape());
    }

    /** A scalar constant in the run's manager. */
    NDArray constant(float value) {
        return manager.create(value);
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

    /** The result; its tensors survive the run and belong to the caller's scope once the run is closed. */
    SamplerResult finish(NDArray samples, Map<String, NDArray> diagnostics, int steps) {
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
