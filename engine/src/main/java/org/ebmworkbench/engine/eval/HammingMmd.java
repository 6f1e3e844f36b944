package org.ebmworkbench.engine.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.ebmworkbench.engine.check.Require;
import org.ebmworkbench.engine.tensor.Tensors;

/**
 * Unbiased squared MMD between binary samples x (n) and y (m) with the exponential Hamming kernel
 * k(a, b) = exp(−h · Ham(a, b)), the EB-GFN protocol of the 32-bit toys (Zhang et al. 2022, arXiv:2202.01361; h = 0.1):
 * MMD²_u = Σ_{i≠j} k(x_i, x_j) / (n(n−1)) + Σ_{i≠j} k(y_i, y_j) / (m(m−1)) − 2 Σ_{i,j} k(x_i, y_j) / (nm). Lower is
 * better; ≈ 0 (and possibly negative) when both come from one distribution. Ham(a, b) = Σa + Σb − 2a·b for 0/1 rows,
 * exact in float32 for D < 2^24; the kernel matrix is summed in row chunks so memory stays bounded.
 */
public final class HammingMmd {
    /** Metric name in run records. */
    public static final String METRIC = "mmd_hamming";
    /** EB-GFN's kernel rate. */
    public static final double DEFAULT_BANDWIDTH = 0.1;
    private static final long CHUNK_ELEMENTS = 1L << 22;

    private final double bandwidth;

    public HammingMmd(double bandwidth) {
        Require.positive(METRIC, "bandwidth", bandwidth);
        this.bandwidth = bandwidth;
    }

    public double bandwidth() {
        return bandwidth;
    }

    /** MMD² between the rows of {@code x} (n × D) and {@code y} (m × D), both binary with at least 2 rows. */
    public double evaluate(NDArray x, NDArray y) {
        Shape sx = x.getShape();
        Shape sy = y.getShape();
        if (sx.dimension() != 2 || sy.dimension() != 2 || sx.get(1) != sy.get(1) || sx.get(0) < 2 || sy.get(0) < 2) {
            throw new IllegalArgumentException(METRIC + ": needs two batches (N × D, N ≥ 2) of the same D, got " + sx
                    + " and " + sy);
        }
        long n = sx.get(0);
        long m = sy.get(0);
        try (NDScope ignored = new NDScope()) {
            NDArray a = x.toType(DataType.FLOAT32, false);
            NDArray b = y.toType(DataType.FLOAT32, false);
            NDArray value = kernelSum(a, a, true).div((double) n * (n - 1))
                    .add(kernelSum(b, b, true).div((double) m * (m - 1)))
                    .sub(kernelSum(a, b, false).mul(2.0 / ((double) n * m)));
            return Tensors.scalar(value);
        }
    }

    /** Σ_ij exp(−h Ham(a_i, b_j)) in float64, leaving out i = j when a and b are one sample. */
    private NDArray kernelSum(NDArray a, NDArray b, boolean excludeDiagonal) {
        NDManager manager = a.getManager();
        long rowsA = a.getShape().get(0);
        long rowsB = b.getShape().get(0);
        long rows = Math.max(1, CHUNK_ELEMENTS / rowsB);
        NDArray onesB = b.sum(new int[] {1}).expandDims(0);
        NDArray bT = b.transpose();
        NDArray total = manager.zeros(new Shape(), DataType.FLOAT64);
        for (long s = 0; s < rowsA; s += rows) {
            long e = Math.min(rowsA, s + rows);
            NDArray chunk = a.get(new NDIndex(s + ":" + e));
            NDArray hamming = chunk.sum(new int[] {1}, true).add(onesB).sub(chunk.matMul(bT).mul(2));
            NDArray kernel = hamming.toType(DataType.FLOAT64, false).mul(-bandwidth).exp();
            if (excludeDiagonal) {
                NDArray diagonal = manager.arange(Math.toIntExact(s), Math.toIntExact(e)).expandDims(1)
                        .eq(manager.arange(0, Math.toIntExact(rowsB)).expandDims(0));
                kernel = NDArrays.where(diagonal, kernel.zerosLike(), kernel);
            }
            total = total.add(kernel.sum());
        }
        return total;
    }

    public String describe() {
        return "unbiased MMD² with exponential Hamming kernel exp(-" + bandwidth + " · Ham(a, b))";
    }
}
