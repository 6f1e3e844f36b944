package org.ebmworkbench.engine.data;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Checkerboard, the generator shared by SNL ({@code MissingDataDataset}, from nsf's {@code plane.py}) and
 * ED/FFJORD: x1 ~ U[-2,2), x2' ~ U[0,1) − 2·Bernoulli(1/2), x2 = x2' + (floor(x1) mod 2), point = 2·(x1, x2).
 * Uniform on the 8 side-2 squares of [-4,4]² whose indices floor(x/2) + floor(y/2) are even (area 32), so
 * log p = −log 32 there. {@link #logDensity} uses the closed squares, so a point that float rounding puts on an
 * edge still has density 1/32 (edges have measure zero).
 */
final class Checkerboard implements ToyDataset {
    private static final double LOG_DENSITY = -Math.log(32.0);

    @Override
    public String name() {
        return "checkerboard";
    }

    @Override
    public String description() {
        return "SNL & ED/FFJORD generator: uniform on the 8 even squares of a side-2 checkerboard on [-4,4]^2";
    }

    @Override
    public Dataset sample(int n, SplittableRandom rng) {
        PointBuffer out = new PointBuffer(n);
        for (int i = 0; i < n; i++) {
            double x1 = rng.nextDouble() * 4 - 2;
            double x2 = rng.nextDouble() - rng.nextInt(2) * 2;
            x2 += Math.floorMod((int) Math.floor(x1), 2);
            out.set(i, 2 * x1, 2 * x2);
        }
        return out.toDataset();
    }

    @Override
    public OptionalDouble optimalLogLikelihood() {
        return OptionalDouble.of(LOG_DENSITY);
    }

    @Override
    public boolean hasDensity() {
        return true;
    }

    @Override
    public double logDensity(double x, double y) {
        if (!(Math.abs(x) <= 4 && Math.abs(y) <= 4)) {
            return Double.NEGATIVE_INFINITY;
        }
        // Square indices whose closure contains the coordinate: floor(v/2) and, on an edge, also the one below.
        int ix = (int) Math.floor(x / 2);
        int iy = (int) Math.floor(y / 2);
        for (int i = ix - (x / 2 == ix ? 1 : 0); i <= ix; i++) {
            for (int j = iy - (y / 2 == iy ? 1 : 0); j <= iy; j++) {
                if (i >= -2 && i <= 1 && j >= -2 && j <= 1 && Math.floorMod(i + j, 2) == 0) {
                    return LOG_DENSITY;
                }
            }
        }
        return Double.NEGATIVE_INFINITY;
    }
}
