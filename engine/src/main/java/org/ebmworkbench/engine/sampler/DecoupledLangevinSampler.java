package org.ebmworkbench.engine.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.tensor.Parameters;
import org.jspecify.annotations.Nullable;

/**
 * Langevin dynamics with step and noise decoupled, as JEM and IGEBM use it (docs/methods.md §4.2):
 * x ← box(x − α·clip(∇ₓE(x)) + σ·ξ), ξ ~ N(0, I). Not a consistent discretisation of the Langevin diffusion (that
 * needs σ² = 2α); it samples a colder or hotter version of p ∝ exp(−E): for a Gaussian target with precision Λ the
 * stationary covariance is σ²(2αΛ − α²Λ²)⁻¹.
 *
 * <ul>
 *   <li>JEM (Grathwohl et al. 2020): α = 1, σ = 0.01, no clipping: {@link #jem()}, also the builder's defaults.
 *   <li>IGEBM (Du & Mordatch 2019): α = {@code step_lr} = 1, σ = 0.005, gradient clipped elementwise to ±0.01
 *       ({@code proj_norm}, ℓ∞), samples clipped to [0, 1]: {@link #igebm()}. IGEBM adds the noise before taking
 *       the gradient step; here it comes after (JEM's order), which only shifts where the chain is observed by half
 *       a step.
 * </ul>
 * {@code optGradientClip(c)} clips elementwise to [−c, c]; {@code optSampleBox(low, high)} clamps every coordinate
 * after each step. Must run outside any open {@code GradientCollector} (it opens its own per step).
 */
public final class DecoupledLangevinSampler implements Sampler {
    private static final String NAME = "decoupled-langevin";

    private final double stepSize;
    private final double noise;
    private final @Nullable Double gradientClip;
    private final @Nullable Double boxLow;
    private final @Nullable Double boxHigh;
    private final LangevinDynamics dynamics;

    private DecoupledLangevinSampler(Builder b) {
        this.stepSize = b.stepSize;
        this.noise = b.noise;
        this.gradientClip = b.gradientClip;
        this.boxLow = b.boxLow;
        this.boxHigh = b.boxHigh;
        this.dynamics = new LangevinDynamics(stepSize, noise, gradientClip, boxLow, boxHigh);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** JEM's SGLD settings: α = 1, σ = 0.01. */
    public static Builder jem() {
        return builder();
    }

    /** IGEBM's settings: α = 1, σ = 0.005, gradient clipped to ±0.01, samples clamped to [0, 1]. */
    public static Builder igebm() {
        return builder().optNoise(0.005).optGradientClip(0.01).optSampleBox(0, 1);
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
        return "decoupled Langevin x ← x − α∇E + σξ, α=" + stepSize + ", σ=" + noise
                + (gradientClip == null ? "" : ", gradient clipped elementwise to ±" + gradientClip)
                + (boxLow == null ? "" : ", samples clamped to [" + boxLow + ", " + boxHigh + "]");
    }

    public double stepSize() {
        return stepSize;
    }

    public double noise() {
        return noise;
    }

    /** Defaults are JEM's: α = 1, σ = 0.01, no clipping, no box. */
    public static final class Builder {
        /** JEM's gradient step α. */
        public static final double DEFAULT_STEP_SIZE = 1.0;
        /** JEM's noise σ. */
        public static final double DEFAULT_NOISE = 0.01;

        private double stepSize = DEFAULT_STEP_SIZE;
        private double noise = DEFAULT_NOISE;
        private @Nullable Double gradientClip;
        private @Nullable Double boxLow;
        private @Nullable Double boxHigh;

        /** The gradient step α (JEM's step size, IGEBM's {@code step_lr}). */
        public Builder optStepSize(double alpha) {
            this.stepSize = alpha;
            return this;
        }

        /** The standard deviation σ of the Gaussian noise added each step (0 gives gradient descent). */
        public Builder optNoise(double sigma) {
            this.noise = sigma;
            return this;
        }

        /** Clip every gradient entry to [−c, c] before the step (IGEBM's {@code proj_norm}, ℓ∞). */
        public Builder optGradientClip(double c) {
            this.gradientClip = c;
            return this;
        }

        /** Clamp every coordinate of the samples to [low, high] after each step. */
        public Builder optSampleBox(double low, double high) {
            this.boxLow = low;
            this.boxHigh = high;
            return this;
        }

        public DecoupledLangevinSampler build() {
            Checks.positive(NAME, "stepSize", stepSize);
            Checks.nonNegative(NAME, "noise", noise);
            if (gradientClip != null) {
                Checks.positive(NAME, "gradientClip", gradientClip);
            }
            if (boxLow != null && !(boxLow < boxHigh && Double.isFinite(boxLow) && Double.isFinite(boxHigh))) {
                throw new IllegalArgumentException(NAME + ": sample box needs finite low < high, was [" + boxLow + ", "
                        + boxHigh + "]");
            }
            return new DecoupledLangevinSampler(this);
        }
    }
}
