package org.ebmworkbench.engine.data;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * The standard normal N(0, 1) in one dimension: the data of the ED paper's Figure 2 (target T8, the w-stabiliser
 * ablation), whose true energy is x²/2. E[log p] = −½ log 2π − ½ = −1.4189.
 */
final class Normal1d implements ToyDataset {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    @Override
    public String name() {
        return "normal_1d";
    }

    @Override
    public String description() {
        return "standard normal N(0, 1) in 1-D (ED Fig. 2); the true energy is x²/2";
    }

    @Override
    public int dim() {
        return 1;
    }

    @Override
    public Dataset sample(int n, SplittableRandom rng) {
        if (n < 1) {
            throw new IllegalArgumentException("sample size must be at least 1, got " + n);
        }
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) Gaussians.next(rng);
        }
        return Dataset.wrap(x, n, 1);
    }

    @Override
    public OptionalDouble optimalLogLikelihood() {
        return OptionalDouble.of(-HALF_LOG_TWO_PI - 0.5);
    }

    @Override
    public boolean hasDensity() {
        return true;
    }

    @Override
    public double logDensity(double[] point) {
        if (point.length != 1) {
            throw new IllegalArgumentException("normal_1d is 1-D, got a point of dimension " + point.length);
        }
        return -0.5 * point[0] * point[0] - HALF_LOG_TWO_PI;
    }

    @Override
    public double logDensity(double x, double y) {
        throw new UnsupportedOperationException("normal_1d is 1-D; use logDensity(double[])");
    }
}
