package org.ebmworkbench.engine.data;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Funnel-2D, the SNL generator ({@code MissingDataDataset} {@code fetch_funnel}): y ~ N(0, 1) and
 * x | y ~ N(0, e^{2y}) (numpy's {@code scale} is the std, so the std is e^y); columns in the order [x, y].
 * log p(x, y) = −log 2π − y²/2 − y − x² e^{−2y}/2, so E[log p] = −log(2πe) exactly.
 */
final class Funnel implements ToyDataset {
    @Override
    public String name() {
        return "funnel";
    }

    @Override
    public String description() {
        return "SNL generator: y ~ N(0,1), x | y ~ N(0, e^{2y}), columns [x, y]";
    }

    @Override
    public Dataset sample(int n, SplittableRandom rng) {
        PointBuffer out = new PointBuffer(n);
        for (int i = 0; i < n; i++) {
            double y = Gaussians.next(rng);
            double x = Math.exp(y) * Gaussians.next(rng);
            out.set(i, x, y);
        }
        return out.toDataset();
    }

    @Override
    public OptionalDouble optimalLogLikelihood() {
        return OptionalDouble.of(-Math.log(2 * Math.PI * Math.E));
    }

    @Override
    public boolean hasDensity() {
        return true;
    }

    @Override
    public double logDensity(double x, double y) {
        return -Math.log(2 * Math.PI) - 0.5 * y * y - y - 0.5 * x * x * Math.exp(-2 * y);
    }
}
