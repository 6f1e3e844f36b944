package org.ebmworkbench.engine.data;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Two moons, the FFJORD {@code toy_data.py} generator: scikit-learn's {@code make_moons(n, noise=0.1)} then
 * ·2 + (−1, −0.2). {@code make_moons}: n_out = n/2 (floor) points (cos t, sin t) and n_in = n − n_out points
 * (1 − cos t, 1 − sin t − 0.5), each with t = linspace(0, π) including both ends; rows shuffled, then
 * N(0, 0.1²) noise added to each coordinate.
 */
final class TwoMoons implements ToyDataset {
    static final double NOISE = 0.1;

    @Override
    public String name() {
        return "two_moons";
    }

    @Override
    public String description() {
        return "FFJORD generator: sklearn make_moons(n, noise=0.1) * 2 + (-1, -0.2)";
    }

    @Override
    public Dataset sample(int n, SplittableRandom rng) {
        PointBuffer out = new PointBuffer(n);
        int nOut = n / 2;
        int nIn = n - nOut;
        for (int i = 0; i < nOut; i++) {
            double t = linspace(i, nOut);
            out.set(i, Math.cos(t), Math.sin(t));
        }
        for (int i = 0; i < nIn; i++) {
            double t = linspace(i, nIn);
            out.set(nOut + i, 1 - Math.cos(t), 1 - Math.sin(t) - 0.5);
        }
        out.shuffleRows(rng);
        for (int i = 0; i < n; i++) {
            double x = out.x(i) + NOISE * Gaussians.next(rng);
            double y = out.y(i) + NOISE * Gaussians.next(rng);
            out.set(i, 2 * x - 1, 2 * y - 0.2);
        }
        return out.toDataset();
    }

    /** numpy {@code linspace(0, π, count)[i]} (both ends included; a single point is 0). */
    static double linspace(int i, int count) {
        return count == 1 ? 0 : Math.PI * i / (count - 1);
    }

    @Override
    public OptionalDouble optimalLogLikelihood() {
        return OptionalDouble.empty();
    }
}
