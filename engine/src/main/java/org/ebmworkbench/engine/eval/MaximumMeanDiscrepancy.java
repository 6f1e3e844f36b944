package org.ebmworkbench.engine.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.ebmworkbench.engine.tensor.Tensors;

/**
 * Unbiased squared maximum mean discrepancy between model samples x (n) and data y (m) with the Gaussian kernel
 * k(a, b) = exp(−‖a − b‖² / (2h²)) (docs/methods.md §2.4):
 * MMD²_u = Σ_{i≠j} k(x_i, x_j) / (n(n−1)) + Σ_{i≠j} k(y_i, y_j) / (m(m−1)) − 2 Σ_{i,j} k(x_i, y_j) / (nm).
 * The estimate is unbiased, so it is ≈ 0 (and may be negative) when both samples come from one distribution.
 *
 * <p>Bandwidth: fixed with {@link Builder#optBandwidth}, otherwise the median heuristic — h = the median of the
 * Euclidean distances between distinct points of the pooled sample x ∪ y, taken over at most
 * {@link #MEDIAN_SUBSAMPLE} pooled points (evenly spaced rows of x and of y, each in proportion to its size, so the
 * choice is symmetric in x and y). The kernel sums are tensor operations in row chunks of the n × m kernel matrix,
 * in float64 and on coordinates centred at the pooled mean, because ‖a‖² + ‖b‖² − 2a·b loses the small distances to
 * cancellation in float32. The caller supplies the model samples and says how they were drawn.
 */
public final class MaximumMeanDiscrepancy {
    /** Metric name in run records. */
    public static final String METRIC = "mmd";
    /** Most pooled points the median heuristic looks at. */
    public static final int MEDIAN_SUBSAMPLE = 1000;
    /** Largest number of kernel-matrix entries held at once. */
    private static final long CHUNK_ELEMENTS = 1L << 22;

    private final double bandwidth;
    private final int chunkRows;

    private MaximumMeanDiscrepancy(Builder b) {
        this.bandwidth = b.bandwidth;
        this.chunkRows = b.chunkRows;
    }

    /** Median-heuristic bandwidth, chunks of at most 1024 rows. */
    public static Builder builder() {
        return new Builder();
    }

    /** MMD² between {@code modelSamples} (n × D) and {@code data} (m × D), both with at least 2 rows. */
    public MmdResult evaluate(NDArray modelSamples, NDArray data, String samplerDescription) {
        if (modelSamples.getShape().dimension() != 2 || data.getShape().dimension() != 2
                || modelSamples.getShape().get(1) != data.getShape().get(1)) {
            throw new IllegalArgumentException("mmd: need two batches (N x D) of the same D, got "
                    + modelSamples.getShape() + " and " + data.getShape());
        }
        int n = Math.toIntExact(modelSamples.getShape().get(0));
        int m = Math.toIntExact(data.getShape().get(0));
        if (n < 2 || m < 2) {
            throw new IllegalArgumentException("mmd: the unbiased estimate needs at least 2 rows on each side, got "
                    + n + " model samples and " + m + " data points");
        }
        try (NDScope ignored = new NDScope()) {
            NDArray x64 = modelSamples.toType(DataType.FLOAT64, false);
            NDArray y64 = data.toType(DataType.FLOAT64, false);
            NDArray centre = NDArrays.concat(new NDList(x64, y64)).mean(new int[] {0});
            NDArray x = x64.sub(centre);
            NDArray y = y64.sub(centre);
            double h = Double.isNaN(bandwidth) ? medianHeuristic(x.toDoubleArray(), n, y.toDoubleArray(), m) : bandwidth;
            double gamma = 1 / (2 * h * h);
            NDArray value = kernelSum(x, x, gamma, true).div((double) n * (n - 1))
                    .add(kernelSum(y, y, gamma, true).div((double) m * (m - 1)))
                    .sub(kernelSum(x, y, gamma, false).mul(2.0 / ((double) n * m)));
            return new MmdResult(Tensors.scalar(value), h, n, m, samplerDescription);
        }
    }

    /** Σ_ij exp(−γ‖a_i − b_j‖²) over row chunks of a, leaving out i = j when a and b are the same sample. */
    private NDArray kernelSum(NDArray a, NDArray b, double gamma, boolean excludeDiagonal) {
        NDManager manager = a.getManager();
        int rowsA = Math.toIntExact(a.getShape().get(0));
        int rowsB = Math.toIntExact(b.getShape().get(0));
        int rows = (int) Math.max(1, Math.min(chunkRows, CHUNK_ELEMENTS / rowsB));
        NDArray squaredNormsB = b.square().sum(new int[] {1});
        NDArray bTransposed = b.transpose();
        NDArray total = manager.zeros(new Shape(), DataType.FLOAT64);
        for (int s = 0; s < rowsA; s += rows) {
            int e = Math.min(rowsA, s + rows);
            NDArray chunk = a.get(new NDIndex(s + ":" + e));
            NDArray squaredDistances = chunk.square().sum(new int[] {1}, true).add(squaredNormsB)
                    .sub(chunk.matMul(bTransposed).mul(2)).maximum(0);
            NDArray kernel = squaredDistances.mul(-gamma).exp();
            if (excludeDiagonal) {
                NDArray diagonal = manager.arange(s, e).expandDims(1).eq(manager.arange(0, rowsB).expandDims(0));
                kernel = NDArrays.where(diagonal, kernel.zerosLike(), kernel);
            }
            NDArray partial = kernel.sum();
            total = total.add(partial);
        }
        return total;
    }

    /** Median pairwise distance over an evenly spaced, size-proportional subsample of x ∪ y (row-major, D columns). */
    static double medianHeuristic(double[] x, int n, double[] y, int m) {
        int d = x.length / n;
        int total = n + m;
        int takeX = total <= MEDIAN_SUBSAMPLE ? n : Math.max(1, (int) ((long) MEDIAN_SUBSAMPLE * n / total));
        int takeY = total <= MEDIAN_SUBSAMPLE ? m : Math.max(1, (int) ((long) MEDIAN_SUBSAMPLE * m / total));
        double[][] pooled = new double[takeX + takeY][];
        for (int i = 0; i < takeX; i++) {
            int row = (int) ((long) i * n / takeX);
            pooled[i] = Arrays.copyOfRange(x, row * d, (row + 1) * d);
        }
        for (int i = 0; i < takeY; i++) {
            int row = (int) ((long) i * m / takeY);
            pooled[takeX + i] = Arrays.copyOfRange(y, row * d, (row + 1) * d);
        }
        int p = pooled.length;
        double[] distances = new double[p * (p - 1) / 2];
        int k = 0;
        for (int i = 0; i < p; i++) {
            for (int j = i + 1; j < p; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double diff = pooled[i][c] - pooled[j][c];
                    s += diff * diff;
                }
                distances[k++] = Math.sqrt(s);
            }
        }
        Arrays.sort(distances);
        int mid = distances.length / 2;
        double median = distances.length % 2 == 1 ? distances[mid] : 0.5 * (distances[mid - 1] + distances[mid]);
        if (!(median > 0)) {
            throw new IllegalArgumentException("mmd: the median pairwise distance of the pooled sample is " + median
                    + " (mostly repeated points); set a bandwidth with optBandwidth");
        }
        return median;
    }

    /** The fixed bandwidth, or NaN for the median heuristic. */
    public double bandwidth() {
        return bandwidth;
    }

    /** The protocol in one line, for reports. */
    public String describe() {
        return "unbiased MMD² with Gaussian kernel exp(-|a-b|²/(2h²)), h = "
                + (Double.isNaN(bandwidth) ? "median pooled pairwise distance" : Double.toString(bandwidth));
    }

    /** DJL-style builder: {@code MaximumMeanDiscrepancy.builder().optBandwidth(0.5).build()}. */
    public static final class Builder {
        private double bandwidth = Double.NaN;
        private int chunkRows = 1024;

        /** A fixed kernel bandwidth h > 0 instead of the median heuristic. */
        public Builder optBandwidth(double bandwidth) {
            if (!(bandwidth > 0) || Double.isInfinite(bandwidth)) {
                throw new IllegalArgumentException("mmd: bandwidth must be positive and finite, was " + bandwidth);
            }
            this.bandwidth = bandwidth;
            return this;
        }

        /** Rows of the kernel matrix per chunk (memory versus number of tensor calls). */
        public Builder optChunkRows(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("mmd: chunk rows must be >= 1, was " + rows);
            }
            this.chunkRows = rows;
            return this;
        }

        public MaximumMeanDiscrepancy build() {
            return new MaximumMeanDiscrepancy(this);
        }
    }
}
