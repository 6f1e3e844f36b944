package org.ebmworkbench.engine.data;

import java.util.OptionalDouble;
import org.ebmworkbench.engine.check.Require;
import java.util.SplittableRandom;

/**
 * A 2-D toy distribution with a fixed, documented generator convention (each implementation names the official
 * code it follows). Sampling uses only the {@link SplittableRandom} passed in, so the same seed gives the same
 * data. {@link #optimalLogLikelihood()} is E_p[log p(x)] in nats, the best expected test log-likelihood any model
 * can reach; it is empty where no reference value is known.
 */
public interface ToyDataset {
    /** The registry name, e.g. {@code "checkerboard"}. */
    String name();

    /** One line naming the convention and its source, e.g. {@code "SNL generator: ..."}. */
    String description();

    /** Number of coordinates per point. */
    default int dim() {
        return 2;
    }

    /** Draws {@code n >= 1} points. */
    Dataset sample(int n, SplittableRandom rng);

    /** Draws {@code n >= 1} points from {@code new SplittableRandom(seed)}. */
    default Dataset sample(int n, long seed) {
        Require.atLeast(name(), "n", n, 1);
        return sample(n, new SplittableRandom(seed));
    }

    /** E_p[log p(x)] in nats where a reference value is known (exact or Monte Carlo to about ±0.005), else empty. */
    OptionalDouble optimalLogLikelihood();

    /** Whether {@link #logDensity} has a closed form for this dataset. */
    default boolean hasDensity() {
        return false;
    }

    /**
     * The true log-density log p(x, y) in nats ({@code -Infinity} outside the support).
     *
     * @throws UnsupportedOperationException if {@link #hasDensity()} is false
     */
    default double logDensity(double x, double y) {
        throw new UnsupportedOperationException(
                "dataset '" + name() + "' has no closed-form density; check hasDensity() first");
    }

    /**
     * The true log-density at a point of dimension {@link #dim()}; for the 2-D toys, {@link #logDensity(double,
     * double)}.
     *
     * @throws UnsupportedOperationException if {@link #hasDensity()} is false
     */
    default double logDensity(double[] point) {
        if (point.length != 2) {
            throw new IllegalArgumentException("dataset '" + name() + "' is 2-D, got a point of dimension " + point.length);
        }
        return logDensity(point[0], point[1]);
    }
}
