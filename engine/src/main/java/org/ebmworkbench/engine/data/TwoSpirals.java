package org.ebmworkbench.engine.data;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Two spirals, the FFJORD {@code toy_data.py} ({@code "2spirals"}) generator: u = sqrt(U)·540·2π/360,
 * d1 = (−cos(u)·u + 0.5·U', sin(u)·u + 0.5·U''), points = [d1; −d1] / 3 + N(0, 0.1²) noise per coordinate. As
 * in the official code the rows are not shuffled: the first ⌈n/2⌉ rows are the d1 arm and the rest its mirror
 * −d1 (for odd n the official code returns n − 1 rows; here the last d1 point has no mirror).
 */
final class TwoSpirals implements ToyDataset {
    static final double NOISE = 0.1;

    @Override
    public String name() {
        return "two_spirals";
    }

    @Override
    public String description() {
        return "FFJORD generator: two mirrored spirals, u = sqrt(U)*3pi, [d1; -d1]/3 + noise std 0.1";
    }

    @Override
    public Dataset sample(int n, SplittableRandom rng) {
        PointBuffer out = new PointBuffer(n);
        int half = n - n / 2;
        double[] dx = new double[half];
        double[] dy = new double[half];
        for (int i = 0; i < half; i++) {
            double u = Math.sqrt(rng.nextDouble()) * 540 * (2 * Math.PI) / 360;
            dx[i] = -Math.cos(u) * u + rng.nextDouble() * 0.5;
            dy[i] = Math.sin(u) * u + rng.nextDouble() * 0.5;
        }
        for (int i = 0; i < n; i++) {
            double sign = i < half ? 1 : -1;
            int k = i < half ? i : i - half;
            out.set(i, sign * dx[k] / 3 + NOISE * Gaussians.next(rng), sign * dy[k] / 3 + NOISE * Gaussians.next(rng));
        }
        return out.toDataset();
    }

    @Override
    public OptionalDouble optimalLogLikelihood() {
        return OptionalDouble.empty();
    }
}
