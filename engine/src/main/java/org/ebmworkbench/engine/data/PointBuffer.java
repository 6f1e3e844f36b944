package org.ebmworkbench.engine.data;

import java.util.SplittableRandom;

/** Mutable n×2 scratch array used by the generators; turned into an immutable {@link Dataset} once. */
final class PointBuffer {
    private final float[] xy;
    private final int n;

    PointBuffer(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("sample size must be at least 1, got " + n);
        }
        this.n = n;
        this.xy = new float[2 * n];
    }

    void set(int i, double x, double y) {
        xy[2 * i] = (float) x;
        xy[2 * i + 1] = (float) y;
    }

    double x(int i) {
        return xy[2 * i];
    }

    double y(int i) {
        return xy[2 * i + 1];
    }

    /** Fisher–Yates shuffle of the rows (as the official code's {@code permutation}/{@code shuffle}). */
    void shuffleRows(SplittableRandom rng) {
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float tx = xy[2 * i];
            float ty = xy[2 * i + 1];
            xy[2 * i] = xy[2 * j];
            xy[2 * i + 1] = xy[2 * j + 1];
            xy[2 * j] = tx;
            xy[2 * j + 1] = ty;
        }
    }

    Dataset toDataset() {
        return Dataset.wrap(xy, n, 2);
    }
}
