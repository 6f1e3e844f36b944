package org.ebmworkbench.engine.data;

import java.util.SplittableRandom;

/**
 * Standard normal draws from a {@link SplittableRandom}, which (in Java 17) has no {@code nextGaussian()}.
 * Stateless Box–Muller: each call consumes exactly two uniforms and returns {@code sqrt(-2 ln(1-u1)) cos(2π u2)},
 * so a seed fixes the whole stream (no cached second variate).
 */
public final class Gaussians {
    private Gaussians() {}

    /** One N(0, 1) draw. */
    public static double next(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log1p(-u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
