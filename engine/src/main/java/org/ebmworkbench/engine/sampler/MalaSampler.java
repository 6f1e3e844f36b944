package org.ebmworkbench.engine.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * Metropolis-adjusted Langevin algorithm (Roberts & Tweedie 1996; docs/methods.md §4.3):
 * propose y = x − (h/2)·∇E(x) + √h·ξ and accept with probability
 * min(1, exp(E(x) − E(y)) · q(x | y) / q(y | x)), where q(y | x) = N(y; x − (h/2)∇E(x), h·I) is the exact, asymmetric
 * proposal density. Each chain accepts or rejects on its own (a tensor mask, no loop over chains), so p ∝ exp(−E) is
 * invariant for every h > 0; the acceptance rate tends to 1 as h → 0.
 *
 * <p>One energy-and-gradient evaluation per step: the energy and gradient of the current state are carried along.
 * Must run outside any open {@code GradientCollector} (it opens its own per step).
 */
public final class MalaSampler implements Sampler {
    private static final String NAME = "mala";

    private final double stepSize;

    private MalaSampler(Builder b) {
        this.stepSize = b.stepSize;
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
            NDList state = run.stateWithGradient(start);
            for (int k = 0; k < steps; k++) {
                state = ChainRun.advance(state, s -> {
                    NDArray x = s.get(0);
                    NDArray gx = s.get(2);
                    run.recordGradient(gx);
                    NDArray xi = x.getManager().randomNormal(x.getShape());
                    NDArray y = x.sub(gx.mul(stepSize / 2)).add(xi.mul(Math.sqrt(stepSize)));
                    EnergyGradient ey = run.at(y);
                    // log q(y|x) = −‖y − x + (h/2)∇E(x)‖²/(2h) = −‖ξ‖²/2; the normalising constants cancel.
                    NDArray logForward = ChainTensors.squaredNorms(xi).mul(-0.5);
                    NDArray backwardResidual = x.sub(y).add(ey.gradient().mul(stepSize / 2));
                    NDArray logBackward = ChainTensors.squaredNorms(backwardResidual).mul(-0.5 / stepSize);
                    NDArray logAlpha = s.get(1).sub(ey.energy()).add(logBackward).sub(logForward);
                    return run.metropolis(logAlpha, new NDList(y, ey.energy(), ey.gradient()), s);
                });
            }
            return run.finish(state.get(0), state.get(1));
        }
    }

    @Override
    public String describe() {
        return "MALA, proposal x − (h/2)∇E + √h ξ with MH correction, h=" + stepSize;
    }

    public double stepSize() {
        return stepSize;
    }

    /** Default h = 0.01, the ED baseline's Langevin step, so that MALA is that sampler made exact. */
    public static final class Builder {
        /** h = 0.01, the ED baseline's Langevin step. */
        public static final double DEFAULT_STEP_SIZE = 0.01;

        private double stepSize = DEFAULT_STEP_SIZE;

        /** The step size h of the Langevin proposal (drift h/2 times the gradient, noise variance h). */
        public Builder optStepSize(double h) {
            this.stepSize = h;
            return this;
        }

        public MalaSampler build() {
            Checks.positive(NAME, "stepSize", stepSize);
            return new MalaSampler(this);
        }
    }
}
