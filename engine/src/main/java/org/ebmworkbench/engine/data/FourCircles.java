package org.ebmworkbench.engine.data;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Four circles, the SNL generator ({@code MissingDataDataset}'s {@code FourCirclesDataset}, nsf's
 * {@code plane.py}): four radius-2 circles centred at (±1, ±1), angle 2π·U[0,1), isotropic N(0, 0.1²) noise.
 * The n points are split evenly over the circles (the official code requires n divisible by 4; here the
 * remainder goes to the first circles) and, as in the official code, rows are grouped by circle in the order
 * (1,1), (1,−1), (−1,1), (−1,−1) and not shuffled. The density of each circle is a ring convolved with the
 * noise, p(x | c) = exp(−(ρ − 2)²/(2σ²)) I0e(2ρ/σ²) / (2πσ²) with ρ = |x − c|, mixed with weights 1/4.
 * E[log p] = −2.873 (Monte Carlo; docs/methods.md §1.2).
 */
final class FourCircles implements ToyDataset {
    static final double RADIUS = 2.0;
    static final double NOISE = 0.1;
    /** Circle centres in row order ({@code create_circle(...) - center} for the nsf centre list). */
    static final double[][] CENTRES = {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}};

    @Override
    public String name() {
        return "four_circles";
    }

    @Override
    public String description() {
        return "SNL generator: 4 radius-2 circles centred at (+-1,+-1), noise std 0.1, rows grouped by circle";
    }

    @Override
    public Dataset sample(int n, SplittableRandom rng) {
        PointBuffer out = new PointBuffer(n);
        int i = 0;
        for (int k = 0; k < 4; k++) {
            int count = n / 4 + (k < n % 4 ? 1 : 0);
            for (int m = 0; m < count; m++, i++) {
                double a = 2 * Math.PI * rng.nextDouble();
                double x = RADIUS * Math.cos(a) + NOISE * Gaussians.next(rng);
                double y = RADIUS * Math.sin(a) + NOISE * Gaussians.next(rng);
                out.set(i, x + CENTRES[k][0], y + CENTRES[k][1]);
            }
        }
        return out.toDataset();
    }

    @Override
    public OptionalDouble optimalLogLikelihood() {
        return OptionalDouble.of(-2.873);
    }

    @Override
    public boolean hasDensity() {
        return true;
    }

    @Override
    public double logDensity(double x, double y) {
        double var = NOISE * NOISE;
        double[] terms = new double[4];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 4; k++) {
            double rho = Math.hypot(x - CENTRES[k][0], y - CENTRES[k][1]);
            terms[k] = -(rho - RADIUS) * (rho - RADIUS) / (2 * var) + Bessel.logI0e(RADIUS * rho / var);
            max = Math.max(max, terms[k]);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum) - Math.log(4) - Math.log(2 * Math.PI * var);
    }
}
