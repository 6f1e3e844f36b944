package org.ebmworkbench.engine.data;

import org.ebmworkbench.engine.check.Require;

/**
 * The binary encoding of 2-D points used by the discrete density-estimation benchmarks (EB-GFN, Zhang et al. 2022,
 * arXiv:2202.01361; discrete energy discrepancy, Schröder et al. 2024, arXiv:2307.07595): each coordinate is
 * quantised to one of 2^b levels over [−L, L), the level's index q is Gray-coded as g = q ⊕ (q ≫ 1), and the b bits of
 * g (most significant first) of x then of y are concatenated, 2b bits per point (32 for the default b = 16).
 *
 * <p>Level k covers [−L + kΔ, −L + (k + 1)Δ) with Δ = 2L / 2^b; points outside [−L, L) go to the nearest end level.
 * Decoding returns the level's centre, so a point inside the range comes back within Δ/2 per coordinate. Because q
 * and q + 1 always differ in one bit of their Gray codes, neighbouring cells of the plane are neighbours on the
 * hypercube. The reference code quantises a sign bit and a 15-bit magnitude instead, which puts the two sides of 0 far
 * apart on the hypercube; this class uses one unsigned index per coordinate so the Gray property holds everywhere, with
 * the same resolution Δ = 2L / 2^16 and the reference code's range: {@link #referenceHalfWidth}.
 */
public final class GrayCode {
    /** 16 bits per coordinate: the 32-bit benchmarks. */
    public static final int DEFAULT_BITS_PER_COORDINATE = 16;
    /** Largest number of bits per coordinate (level indices stay exact in an {@code int}). */
    public static final int MAX_BITS_PER_COORDINATE = 30;
    /** Points of the reference sample whose extent sets the default range (the reference code's 5000, seed 1). */
    public static final int REFERENCE_POINTS = 5000;
    public static final long REFERENCE_SEED = 1;

    private final double halfWidth;
    private final int bits;
    private final int levels;
    private final double step;

    public GrayCode(double halfWidth, int bitsPerCoordinate) {
        Require.positive("grayCode", "halfWidth", halfWidth);
        Require.that(bitsPerCoordinate >= 1 && bitsPerCoordinate <= MAX_BITS_PER_COORDINATE, "grayCode",
                "bitsPerCoordinate", "be in [1, " + MAX_BITS_PER_COORDINATE + "]", bitsPerCoordinate);
        this.halfWidth = halfWidth;
        this.bits = bitsPerCoordinate;
        this.levels = 1 << bitsPerCoordinate;
        this.step = 2 * halfWidth / levels;
    }

    /**
     * The reference code's range for a toy: with f = max |coordinate| over {@code reference} + 1, it quantises
     * |x| < f + 1, so L = max |coordinate| + 2.
     */
    public static double referenceHalfWidth(Dataset reference) {
        Require.that(reference.dim() == 2, "grayCode", "data", "be 2-D points", reference.dim() + " columns");
        double extent = 0;
        for (float v : reference.toArray()) {
            extent = Math.max(extent, Math.abs(v));
        }
        return extent + 2;
    }

    public double halfWidth() {
        return halfWidth;
    }

    public int bitsPerCoordinate() {
        return bits;
    }

    /** The width Δ = 2L / 2^b of one quantisation level. */
    public double resolution() {
        return step;
    }

    /** Bits per encoded point, 2b. */
    public int dim() {
        return 2 * bits;
    }

    /** The level index of coordinate {@code v}, clamped to [0, 2^b − 1]. */
    int level(double v) {
        double k = Math.floor((v + halfWidth) / step);
        return (int) Math.max(0, Math.min(levels - 1, k));
    }

    /** The Gray code q ⊕ (q ≫ 1) of a level index. */
    static int gray(int q) {
        return q ^ (q >>> 1);
    }

    /** The level index whose Gray code is {@code g}: the prefix XOR of its bits. */
    static int fromGray(int g) {
        int q = g;
        for (int shift = 1; shift < Integer.SIZE; shift <<= 1) {
            q ^= q >>> shift;
        }
        return q;
    }

    /** The 2b-bit codes of 2-D {@code points}, one row each, as 0/1 values. */
    public Dataset encode(Dataset points) {
        Require.that(points.dim() == 2, "grayCode", "data", "be 2-D points", points.dim() + " columns");
        float[] xy = points.toArray();
        int n = points.size();
        float[] out = new float[n * dim()];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 2; c++) {
                int g = gray(level(xy[2 * i + c]));
                for (int k = 0; k < bits; k++) {
                    out[i * dim() + c * bits + k] = (g >>> (bits - 1 - k)) & 1;
                }
            }
        }
        return Dataset.wrap(out, n, dim());
    }

    /**
     * The centres of the cells coded by the rows of {@code codes} (n rows of 2b values, row-major), as n × 2 row-major
     * coordinates. A value is read as bit 1 when it is ≥ ½, so model samples decode as they are.
     */
    public double[] decode(float[] codes, int n) {
        Require.that(codes.length == (long) n * dim(), "grayCode", "codes", "have n × " + dim() + " = "
                + (long) n * dim() + " entries", codes.length);
        double[] out = new double[2 * n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 2; c++) {
                int g = 0;
                for (int k = 0; k < bits; k++) {
                    g = (g << 1) | (codes[i * dim() + c * bits + k] >= 0.5f ? 1 : 0);
                }
                out[2 * i + c] = -halfWidth + (fromGray(g) + 0.5) * step;
            }
        }
        return out;
    }

    /** {@link #decode(float[], int)} of a dataset of codes, as a dataset of 2-D points. */
    public Dataset decode(Dataset codes) {
        double[] xy = decode(codes.toArray(), codes.size());
        float[] f = new float[xy.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) xy[i];
        }
        return Dataset.wrap(f, codes.size(), 2);
    }

    public String describe() {
        return "Gray code, " + bits + " bits per coordinate over [-" + halfWidth + ", " + halfWidth + ")";
    }
}
