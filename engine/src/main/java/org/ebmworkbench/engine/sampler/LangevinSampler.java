package org.ebmworkbench.engine.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.tensor.Parameters;
import org.jspecify.annotations.Nullable;

/**
 * Unadjusted Langevin algorithm in its consistent form: x ← x − (h/2)·∇ₓE(x) + √h·ξ, ξ ~ N(0, I), with step size h
 * (docs/methods.md §4.1, with h = ε²). This is the sampler of the ED 2-D CD baseline (10 steps, h = 0.01,
 * docs/methods.md §8.2, the default here) and tends to p ∝ exp(−E) as h → 0; for a Gaussian target its stationary
 * covariance is (Λ − hΛ²/4)⁻¹ for precision Λ.
 *
 * <p>{@code optGradientClip(c)} clips the gradient elementwise to [−c, c] (projection onto the ℓ∞ ball, IGEBM's
 * {@code proj_norm} convention) before the step; it is off by default. Must run outside any open
 * {@code GradientCollector} (it opens its own per step).
 */
public final class LangevinSampler implements Sampler {
    private static final String NAME = "langevin";

    private final double stepSize;
    private final @Nullable Double gradientClip;
    private final LangevinDynamics dynamics;

    private LangevinSampler(Builder b) {
        this.stepSize = b.stepSize;
        this.gradientClip = b.gradientClip;
        this.dynamics = new LangevinDynamics(stepSize / 2, Math.sqrt(stepSize), gradientClip, null, null);
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
        return dynamics.run(NAME, energy, params, start, steps, manager);
    }

    @Override
    public String describe() {
        return "Langevin x ← x − (h/2)∇E + √h ξ, h=" + stepSize
                + (gradientClip == null ? "" : ", gradient clipped elementwise to ±" + gradientClip);
    }

    public double stepSize() {
        return stepSize;
    }

    public @Nullable Double gradientClip() {
        return gradientClip;
    }

    /** Defaults: h = 0.01 (the ED 2-D CD baseline), no clipping. */
    public static final class Builder {
        /** h = 0.01, the ED 2-D CD baseline. */
        public static final double DEFAULT_STEP_SIZE = 0.01;

        private double stepSize = DEFAULT_STEP_SIZE;
        private @Nullable Double gradientClip;

        /** The step size h: the drift is h/2 times the gradient and the noise variance is h. */
        public Builder optStepSize(double h) {
            this.stepSize = h;
            return this;
        }

        /** Clip every gradient entry to [−c, c] before the step. */
        public Builder optGradientClip(double c) {
            this.gradientClip = c;
            return this;
        }

        public LangevinSampler build() {
            Checks.positive(NAME, "stepSize", stepSize);
            if (gradientClip != null) {
                Checks.positive(NAME, "gradientClip", gradientClip);
            }
            return new LangevinSampler(this);
        }
    }
}
