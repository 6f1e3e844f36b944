package org.ebmworkbench.engine.data;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Rings, the FFJORD {@code toy_data.py} generator (as reused by EB-GFN and discrete ED): four concentric circles
 * of radii 1, 0.75, 0.5, 0.25, the whole stack multiplied by 3.0 (radii 3, 2.25, 1.5, 0.75). The three outer
 * rings get n/4 (floor) points each and the innermost ring the remainder; on a ring of m points the angles are
 * 2πk/m, k = 0..m−1 ({@code linspace(0, 2π, m, endpoint=False)}, deterministic). Rows are shuffled, then
 * N(0, 0.08²) noise is added to each coordinate; there is no further rescaling.
 */
final class Rings implements ToyDataset {
    /** Ring radii before the ×3 scaling, in row order. */
    static final double[] UNIT_RADII = {1.0, 0.75, 0.5, 0.25};
    static final double SCALE = 3.0;
    static final double NOISE = 0.08;

    @Override
    public String name() {
        return "rings";
    }

    @Override
    public String description() {
        return "FFJORD generator: 4 concentric rings of radii 3, 2.25, 1.5, 0.75 (evenly spaced angles), noise std 0.08";
    }

    @Override
    public Dataset sample(int n, SplittableRandom rng) {
        PointBuffer out = new PointBuffer(n);
        int i = 0;
        for (int r = 0; r < 4; r++) {
            int count = r < 3 ? n / 4 : n - 3 * (n / 4);
            for (int k = 0; k < count; k++, i++) {
                double a = 2 * Math.PI * k / count;
                out.set(i, Math.cos(a) * UNIT_RADII[r] * SCALE, Math.sin(a) * UNIT_RADII[r] * SCALE);
            }
        }
        out.shuffleRows(rng);
        for (int j = 0; j < n; j++) {
            out.set(j, out.x(j) + NOISE * Gaussians.next(rng), out.y(j) + NOISE * Gaussians.next(rng));
        }
        return out.toDataset();
    }

    @Override
    public OptionalDouble optimalLogLikelihood() {
        return OptionalDouble.empty();
    }
}
