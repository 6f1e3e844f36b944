package org.ebmworkbench.engine.data;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An immutable n×d table of finite {@code float} values (n rows = points, d columns = coordinates), stored
 * row-major. Statistics are computed in {@code double}; {@link #covariance()} is the unbiased sample covariance
 * (denominator n − 1). Every accessor that returns an array returns a fresh copy. An engine convention
 * (docs/architecture.md §2, {@code data}); it follows no official code base.
 */
public final class Dataset {
    private final float[] data;
    private final int n;
    private final int dim;

    private Dataset(float[] data, int n, int dim) {
        this.data = data;
        this.n = n;
        this.dim = dim;
    }

    /**
     * A dataset holding a copy of {@code rowMajor}, whose element {@code i * dim + j} is row i, column j.
     *
     * @throws IllegalArgumentException if n or dim is not positive, the length is not n·dim, or a value is NaN or
     *     infinite
     */
    public static Dataset of(float[] rowMajor, int n, int dim) {
        validate(rowMajor, n, dim);
        return new Dataset(rowMajor.clone(), n, dim);
    }

    /** Like {@link #of} without the copy: for arrays that generators of this package build and then drop. */
    static Dataset wrap(float[] rowMajor, int n, int dim) {
        validate(rowMajor, n, dim);
        return new Dataset(rowMajor, n, dim);
    }

    private static void validate(float[] rowMajor, int n, int dim) {
        if (n < 1) {
            throw new IllegalArgumentException("a dataset needs at least one row, got n=" + n);
        }
        if (dim < 1) {
            throw new IllegalArgumentException("a dataset needs at least one column, got dim=" + dim);
        }
        if ((long) n * dim != rowMajor.length) {
            throw new IllegalArgumentException(
                    "array length " + rowMajor.length + " does not match n*dim = " + n + "*" + dim + " = " + (long) n * dim);
        }
        for (int k = 0; k < rowMajor.length; k++) {
            if (!Float.isFinite(rowMajor[k])) {
                throw new IllegalArgumentException(
                        "value at row " + k / dim + ", column " + k % dim + " is " + rowMajor[k] + "; datasets hold finite values only");
            }
        }
    }

    /** Number of rows (points). */
    public int size() {
        return n;
    }

    /** Number of columns (coordinates per point). */
    public int dim() {
        return dim;
    }

    /** The value at row i, column j (both 0-based). */
    public float get(int i, int j) {
        checkRow(i);
        if (j < 0 || j >= dim) {
            throw new IllegalArgumentException("column " + j + " out of range [0, " + dim + ")");
        }
        return data[i * dim + j];
    }

    /** A row-major copy of all values. */
    public float[] toArray() {
        return data.clone();
    }

    /** Per-column mean. */
    public double[] mean() {
        double[] m = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                m[j] += data[i * dim + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            m[j] /= n;
        }
        return m;
    }

    /**
     * The d×d unbiased sample covariance (denominator n − 1), computed around the mean.
     *
     * @throws IllegalStateException if the dataset has a single row
     */
    public double[][] covariance() {
        if (n < 2) {
            throw new IllegalStateException("the sample covariance needs at least 2 rows, this dataset has " + n);
        }
        double[] m = mean();
        double[][] c = new double[dim][dim];
        double[] centred = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                centred[j] = data[i * dim + j] - m[j];
            }
            for (int a = 0; a < dim; a++) {
                for (int b = a; b < dim; b++) {
                    c[a][b] += centred[a] * centred[b];
                }
            }
        }
        for (int a = 0; a < dim; a++) {
            for (int b = a; b < dim; b++) {
                c[a][b] /= n - 1;
                c[b][a] = c[a][b];
            }
        }
        return c;
    }

    /** The rows at the given 0-based indices, in that order (repeats allowed, e.g. for a bootstrap). */
    public Dataset subset(int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("subset needs at least one row index");
        }
        float[] out = new float[rows.length * dim];
        for (int k = 0; k < rows.length; k++) {
            checkRow(rows[k]);
            System.arraycopy(data, rows[k] * dim, out, k * dim, dim);
        }
        return new Dataset(out, rows.length, dim);
    }

    /**
     * Columns {@code from} (inclusive) to {@code to} (exclusive) of every row, e.g. the target columns of a
     * conditional dataset, whose rows are the inputs x followed by the targets y.
     */
    public Dataset columns(int from, int to) {
        if (from < 0 || to > dim || from >= to) {
            throw new IllegalArgumentException("columns(" + from + ", " + to + ") needs 0 <= from < to <= dim() = " + dim);
        }
        int width = to - from;
        float[] out = new float[n * width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data, i * dim + from, out, i * width, width);
        }
        return new Dataset(out, n, width);
    }

    /** The first {@code count} rows. */
    public Dataset head(int count) {
        if (count < 1 || count > n) {
            throw new IllegalArgumentException("head(" + count + ") needs 1 <= count <= size() = " + n);
        }
        return new Dataset(Arrays.copyOf(data, count * dim), count, dim);
    }

    private void checkRow(int i) {
        if (i < 0 || i >= n) {
            throw new IllegalArgumentException("row " + i + " out of range [0, " + n + ")");
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Dataset other && other.n == n && other.dim == dim && Arrays.equals(other.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * n + dim) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Dataset[n=" + n + ", dim=" + dim + "]";
    }
}
