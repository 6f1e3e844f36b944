package org.ebmworkbench.engine.data;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * The second 1-D regression toy of the SNL regression code ({@code d1regression_2}), four zones along x ∈ [0, 1].
 * The official generator places 3 800 points on a fixed grid x = k/3799 (seed 41); here x ~ U(0, 1) and
 * k = 3799 x, so the zones and their conditional densities are the same and any sample size can be drawn:
 * <ul>
 *   <li>k &lt; 800 ("asymmetric"): y = 0.5 + 5 B, B ~ Beta(0.5, 1);
 *   <li>k &lt; 1800 ("symmetric"): y ~ N(m, (|m|/4)²), m = 3 cos t − 2, t = 5 (k − 800)/999;
 *   <li>k &lt; 2300 ("uniform"): y ~ U(−2 − 2.5 j, −0.5 + 9.5 j), j = (k − 1800)/499;
 *   <li>else ("multimodal"): y ~ ⅓ U(8, 8.5) + ⅓ U(1, 4) + ⅓ U(−4.5, −3).
 * </ul>
 * E log p(y | x) = −1.254 (Monte Carlo with 2·10⁶ draws, ±0.001).
 */
final class RegressionToy2 implements ConditionalToyDataset {
    private static final double LAST_INDEX = 3799;
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final double[][] MODES = {{8, 8.5}, {1, 4}, {-4.5, -3}};

    @Override
    public String name() {
        return "regression_toy2";
    }

    @Override
    public String description() {
        return "1-D regression toy 2 (SNL regression code): x ~ U(0, 1) through asymmetric (Beta), symmetric "
                + "(heteroscedastic cosine), uniform-band and multimodal zones";
    }

    @Override
    public Dataset sample(int n, SplittableRandom rng) {
        float[] rows = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double x = rng.nextDouble();
            double k = LAST_INDEX * x;
            double y;
            if (k < 800) {
                // Beta(0.5, 1) is U^{1/0.5} = U² for U ~ U(0, 1); a draw that rounds onto the edge of the support
                // (where the density is infinite) in float is drawn again, a change of probability below 1e-4.
                do {
                    double u = rng.nextDouble();
                    y = 0.5 + 5 * u * u;
                } while ((float) y <= 0.5f);
            } else if (k < 1800) {
                double m = symmetricMean(k);
                y = m + Math.abs(m) / 4 * Gaussians.next(rng);
            } else if (k < 2300) {
                double[] band = band(k);
                y = band[0] + (band[1] - band[0]) * rng.nextDouble();
            } else {
                double[] mode = MODES[rng.nextInt(3)];
                y = mode[0] + (mode[1] - mode[0]) * rng.nextDouble();
            }
            rows[2 * i] = (float) x;
            rows[2 * i + 1] = (float) y;
        }
        return Dataset.wrap(rows, n, 2);
    }

    private static double symmetricMean(double k) {
        return 3 * Math.cos(Math.min(5.0, 5 * (k - 800) / 999)) - 2;
    }

    private static double[] band(double k) {
        double j = Math.min(1.0, (k - 1800) / 499);
        return new double[] {-2 - 2.5 * j, -0.5 + 9.5 * j};
    }

    @Override
    public double logConditionalDensity(double x, double y) {
        double k = LAST_INDEX * x;
        if (k < 800) {
            double b = (y - 0.5) / 5;
            return b > 0 && b <= 1 ? Math.log(0.5 / 5) - 0.5 * Math.log(b) : Double.NEGATIVE_INFINITY;
        }
        if (k < 1800) {
            double m = symmetricMean(k);
            double sigma = Math.abs(m) / 4;
            double z = (y - m) / sigma;
            return -0.5 * z * z - Math.log(sigma) - HALF_LOG_TWO_PI;
        }
        if (k < 2300) {
            double[] band = band(k);
            return y >= band[0] && y <= band[1] ? -Math.log(band[1] - band[0]) : Double.NEGATIVE_INFINITY;
        }
        for (double[] mode : MODES) {
            if (y >= mode[0] && y <= mode[1]) {
                return -Math.log(3 * (mode[1] - mode[0]));
            }
        }
        return Double.NEGATIVE_INFINITY;
    }

    @Override
    public OptionalDouble optimalLogLikelihood() {
        return OptionalDouble.of(-1.254);
    }

    @Override
    public double[] inputRange() {
        return new double[] {0, 1};
    }

    @Override
    public double[] targetRange() {
        return new double[] {-6, 10};
    }
}
