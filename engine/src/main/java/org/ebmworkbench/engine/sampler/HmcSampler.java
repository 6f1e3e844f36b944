package org.ebmworkbench.engine.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * Hamiltonian Monte Carlo (Duane et al. 1987; Neal 2011, arXiv 1206.1901; docs/methods.md §4.4) with unit mass:
 * draw p ~ N(0, I), run L leapfrog steps of size ε on H(x, p) = E(x) + ½‖p‖², and accept the end point with
 * probability min(1, exp(H(x, p) − H(x', p'))), each chain on its own (a tensor mask, no loop over chains).
 *
 * <p>One step of {@link #run} is one such transition, costing L energy-and-gradient evaluations. The leapfrog
 * integrator is reversible and volume-preserving, so p ∝ exp(−E) is invariant for every ε; its energy error is
 * O(ε²), so the acceptance rate tends to 1 as ε → 0. Must run outside any open {@code GradientCollector}.
 */
public final class HmcSampler implements Sampler {
    private static final String NAME = "hmc";

    private final double stepSize;
    private final int leapfrogSteps;

    private HmcSampler(Builder b) {
        this.stepSize = b.stepSize;
        this.leapfrogSteps = b.leapfrogSteps;
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
                    NDArray p0 = x.getManager().randomNormal(x.getShape());
                    NDList end = leapfrog(run, x, p0.sub(gx.mul(stepSize / 2)));
                    NDArray kineticStart = ChainTensors.squaredNorms(p0).mul(0.5);
                    NDArray kineticEnd = ChainTensors.squaredNorms(end.get(1)).mul(0.5);
                    NDArray logAlpha = s.get(1).add(kineticStart).sub(end.get(2)).sub(kineticEnd);
                    return run.metropolis(logAlpha, new NDList(end.get(0), end.get(2), end.get(3)), s);
                });
            }
            return run.finish(state.get(0), state.get(1));
        }
    }

    /**
     * L leapfrog steps from x with the momentum already advanced by the first half step; returns the end point, its
     * momentum (after the final half step), energy and gradient. Each step runs in its own scope, so memory does not
     * grow with L.
     */
    private NDList leapfrog(ChainRun run, NDArray x, NDArray halfStepMomentum) {
        // A copy of x, because advance() frees the arrays it does not carry over and x must survive a rejection.
        NDList trajectory = new NDList(x.duplicate(), halfStepMomentum);
        for (int l = 1; l <= leapfrogSteps; l++) {
            double momentumStep = l < leapfrogSteps ? stepSize : stepSize / 2;
            trajectory = ChainRun.advance(trajectory, t -> {
                NDArray q = t.get(0).add(t.get(1).mul(stepSize));
                EnergyGradient eq = run.at(q);
                NDArray p = t.get(1).sub(eq.gradient().mul(momentumStep));
                return new NDList(q, p, eq.energy(), eq.gradient());
            });
        }
        return trajectory;
    }

    @Override
    public String describe() {
        return "HMC, unit mass, " + leapfrogSteps + " leapfrog steps of ε=" + stepSize + " per transition";
    }

    public double stepSize() {
        return stepSize;
    }

    public int leapfrogSteps() {
        return leapfrogSteps;
    }

    /**
     * Defaults ε = 0.1, L = 10 (a trajectory of length 1, about one standard deviation of a unit-scale target); no
     * paper fixes them for EBM training, so tune ε for an acceptance rate near 0.65 (Neal 2011).
     */
    public static final class Builder {
        /** ε = 0.1: with L = 10 a trajectory of length 1 (Neal 2011). */
        public static final double DEFAULT_STEP_SIZE = 0.1;
        /** L = 10 leapfrog steps per transition. */
        public static final int DEFAULT_LEAPFROG_STEPS = 10;

        private double stepSize = DEFAULT_STEP_SIZE;
        private int leapfrogSteps = DEFAULT_LEAPFROG_STEPS;

        /** The leapfrog step ε. */
        public Builder optStepSize(double epsilon) {
            this.stepSize = epsilon;
            return this;
        }

        /** The number L of leapfrog steps per transition. */
        public Builder optLeapfrogSteps(int l) {
            this.leapfrogSteps = l;
            return this;
        }

        public HmcSampler build() {
            Checks.positive(NAME, "stepSize", stepSize);
            Checks.atLeastOne(NAME, "leapfrogSteps", leapfrogSteps);
            return new HmcSampler(this);
        }
    }
}
