package org.ebmworkbench.engine.data;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Swiss roll, the FFJORD {@code toy_data.py} generator: scikit-learn's {@code make_swiss_roll(n, noise=1.0)}
 * keeping columns (x, z), divided by 5. That is t = 1.5π(1 + 2·U[0,1)), point = ((t cos t + N(0,1)),
 * (t sin t + N(0,1))) / 5. The unused height coordinate (21·U) is not drawn.
 */
final class SwissRoll implements ToyDataset {
    @Override
    public String name() {
        return "swiss_roll";
    }

    @Override
    public String description() {
        return "FFJORD generator: sklearn make_swiss_roll(n, noise=1.0), columns (x, z), divided by 5";
    }

    @Override
    public Dataset sample(int n, SplittableRandom rng) {
        PointBuffer out = new PointBuffer(n);
        for (int i = 0; i < n; i++) {
            double t = 1.5 * Math.PI * (1 + 2 * rng.nextDouble());
            double x = t * Math.cos(t) + Gaussians.next(rng);
            double z = t * Math.sin(t) + Gaussians.next(rng);
            out.set(i, x / 5, z / 5);
        }
        return out.toDataset();
    }

    @Override
    public OptionalDouble optimalLogLikelihood() {
        return OptionalDouble.empty();
    }
}
