package org.ebmworkbench.engine.data;

import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.ebmworkbench.engine.check.Require;

/**
 * A synthetic regression problem: inputs x and targets y with a known conditional density p(y | x). Its samples are
 * rows {@code [x, y]}: the {@link #featureDim()} input columns first, then the {@link #targetDim()} target columns,
 * which is how every conditional component of the engine reads a batch (docs/methods.md §12). Sampling uses only
 * the {@link SplittableRandom} passed in, so the same seed gives the same data.
 */
public interface ConditionalToyDataset {
    /** The registry name, e.g. {@code "regression_toy1"}. */
    String name();

    /** One line naming the generator and its source. */
    String description();

    /** Number of input columns. */
    default int featureDim() {
        return 1;
    }

    /** Number of target columns. */
    default int targetDim() {
        return 1;
    }

    /** Draws {@code n >= 1} rows {@code [x, y]}. */
    Dataset sample(int n, SplittableRandom rng);

    /** Draws {@code n >= 1} rows from {@code new SplittableRandom(seed)}. */
    default Dataset sample(int n, long seed) {
        Require.atLeast(name(), "n", n, 1);
        return sample(n, new SplittableRandom(seed));
    }

    /** The true log p(y | x) in nats ({@code -Infinity} outside the support), for 1-D x and y. */
    double logConditionalDensity(double x, double y);

    /** E_{x,y}[log p(y | x)] in nats: the best expected test conditional log-likelihood any model can reach. */
    OptionalDouble optimalLogLikelihood();

    /** The range {low, high} of x the generator draws from. */
    double[] inputRange();

    /** A range {low, high} of y holding all (or all but a negligible share) of the targets, for plots and quadrature. */
    double[] targetRange();
}
