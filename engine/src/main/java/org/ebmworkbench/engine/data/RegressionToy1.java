package org.ebmworkbench.engine.data;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * The first 1-D regression toy of Gustafsson et al., as generated for the SNL regression experiments (the
 * {@code d1regression_1} generator of SNL's dataset code): x ~ U(−3, 3); for x &lt; 0, y is the mixture
 * 0.8 N(sin x, 0.075²) + 0.2 N(−sin x, 0.075²); for x ≥ 0, y + 1 ~ LogNormal(0, 0.25). E log p(y | x) = 0.3267
 * (Monte Carlo with 2·10⁶ draws, ±0.0006): 0.686 on the x &lt; 0 half, −0.033 on the other.
 */
final class RegressionToy1 implements ConditionalToyDataset {
    private static final double SIGMA = 0.075;
    private static final double LOG_NORMAL_SIGMA = 0.25;
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    @Override
    public String name() {
        return "regression_toy1";
    }

    @Override
    public String description() {
        return "1-D regression toy 1 (Gustafsson et al.; SNL regression code): x ~ U(-3, 3), y | x bimodal around "
                + "±sin x for x < 0, shifted log-normal for x ≥ 0";
    }

    @Override
    public Dataset sample(int n, SplittableRandom rng) {
        float[] rows = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double x = -3 + 6 * rng.nextDouble();
            double y;
            if (x < 0) {
                double mean = rng.nextDouble() < 0.8 ? Math.sin(x) : -Math.sin(x);
                y = mean + SIGMA * Gaussians.next(rng);
            } else {
                y = Math.exp(LOG_NORMAL_SIGMA * Gaussians.next(rng)) - 1;
            }
            rows[2 * i] = (float) x;
            rows[2 * i + 1] = (float) y;
        }
        return Dataset.wrap(rows, n, 2);
    }

    @Override
    public double logConditionalDensity(double x, double y) {
        if (x < 0) {
            double a = Math.log(0.8) + logNormal(y, Math.sin(x), SIGMA);
            double b = Math.log(0.2) + logNormal(y, -Math.sin(x), SIGMA);
            double m = Math.max(a, b);
            return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
        }
        double shifted = y + 1;
        if (shifted <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return logNormal(Math.log(shifted), 0, LOG_NORMAL_SIGMA) - Math.log(shifted);
    }

    private static double logNormal(double v, double mean, double sigma) {
        double z = (v - mean) / sigma;
        return -0.5 * z * z - Math.log(sigma) - HALF_LOG_TWO_PI;
    }

    @Override
    public OptionalDouble optimalLogLikelihood() {
        return OptionalDouble.of(0.3267);
    }

    @Override
    public double[] inputRange() {
        return new double[] {-3, 3};
    }

    @Override
    public double[] targetRange() {
        return new double[] {-3, 3};
    }
}
