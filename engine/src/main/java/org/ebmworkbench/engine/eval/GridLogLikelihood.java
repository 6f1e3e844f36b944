package org.ebmworkbench.engine.eval;

import org.ebmworkbench.engine.check.Require;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.tensor.Parameters;
import org.ebmworkbench.engine.tensor.Tensors;

/**
 * Exact test log-likelihood by quadrature on a regular grid over [−L, L]^D, D ∈ {1, 2} (docs/methods.md §2.1):
 * log Z ≈ logsumexp_k(−E(g_k)) + log Δ with Δ = (2L/(n−1))^D, and LL = mean_i(−E(x_i)) − log Z.
 *
 * <p>With {@code selfCheck}, the value is recomputed at twice the resolution and on twice the box (at twice the
 * resolution, so the spacing is unchanged): if either moves by 0.01 nat or more, the result carries a warning,
 * because the box then misses mass or the grid is too coarse for the learned density. Test points outside the box
 * always give a warning with their share: it estimates the data's mass the box misses, which a model that fits the
 * data puts outside the box too, so the box's Z is too small and the value too high.
 */
public final class GridLogLikelihood {
    /** Metric name in run records. */
    public static final String METRIC = "test_ll_grid";
    /** Largest change (nats) the self-check tolerates. */
    public static final double TOLERANCE = 0.01;
    /** The mark of a warning that the box misses mass. */
    public static final String BOX_MISSES_MASS = "box misses mass";
    /** The mark of a warning that the grid is too coarse. */
    public static final String GRID_TOO_COARSE = "grid too coarse";
    private static final int CHUNK = 65_536;

    private final double box;
    private final int resolution;
    private final boolean selfCheck;

    /** The half-width of the box [-6, 6]² that holds every 2-D toy but the SNL pinwheel. */
    public static final double DEFAULT_BOX = 6.0;
    /** Points per axis. */
    public static final int DEFAULT_RESOLUTION = 300;
    /** Recheck the final value on a doubled box and resolution. */
    public static final boolean DEFAULT_SELF_CHECK = true;

    public GridLogLikelihood(double box, int resolution, boolean selfCheck) {
        Require.positive(METRIC, "box", box);
        Require.atLeast(METRIC, "resolution", resolution, 2);
        this.box = box;
        this.resolution = resolution;
        this.selfCheck = selfCheck;
    }

    /** The result, with the normalised log-density on the grid (row index = y for D = 2). */
    public GridResult evaluate(EnergyModel energy, Parameters params, NDArray testData) {
        int d = energy.inputDim();
        if (d > 2) {
            throw new IllegalArgumentException("grid log-likelihood needs 1- or 2-D data, got D=" + d
                    + "; use the importance-sampled log-likelihood (test_ll_is)");
        }
        NDManager m = testData.getManager();
        try (NDScope ignored = new NDScope()) {
            double meanNegEnergy = -Tensors.scalar(energy.energy(params, testData).mean());
            NDArray gridNegEnergy = negEnergyOnGrid(energy, params, m, box, resolution);
            double logZ = logZ(gridNegEnergy, box, resolution, d);
            double ll = meanNegEnergy - logZ;
            float[] logDensity = gridNegEnergy.sub(logZ).toFloatArray();
            List<MetricWarning> warnings = new ArrayList<>();
            outsideWarning(testData).ifPresent(warnings::add);
            double finer = Double.NaN;
            double wider = Double.NaN;
            if (selfCheck && Double.isFinite(ll)) {
                finer = meanNegEnergy - logZ(negEnergyOnGrid(energy, params, m, box, 2 * resolution), box, 2 * resolution, d);
                wider = meanNegEnergy - logZ(negEnergyOnGrid(energy, params, m, 2 * box, 2 * resolution), 2 * box, 2 * resolution, d);
                if (!(Math.abs(finer - ll) < TOLERANCE)) {
                    warnings.add(new MetricWarning(METRIC, GRID_TOO_COARSE, String.format(
                            "test_ll_grid: doubling the resolution to %d moved the value by %.4f nat (%.4f -> %.4f); the "
                            + "grid is too coarse", 2 * resolution, finer - ll, ll, finer)));
                }
                if (!(Math.abs(wider - ll) < TOLERANCE)) {
                    warnings.add(new MetricWarning(METRIC, BOX_MISSES_MASS, String.format(
                            "test_ll_grid: doubling the box to ±%.3g moved the value by %.4f nat (%.4f -> %.4f); the box "
                            + "misses probability mass", 2 * box, wider - ll, ll, wider)));
                }
            }
            return new GridResult(ll, logZ, box, resolution, d, logDensity, finer, wider, warnings);
        }
    }

    /** A warning with the share of [testData]'s points outside the box, when there are any. */
    private java.util.Optional<MetricWarning> outsideWarning(NDArray testData) {
        long n = testData.getShape().get(0);
        long outside = (long) Tensors.scalar(testData.abs().gt(box).sum(new int[] {1}).gt(0).sum());
        if (outside == 0) {
            return java.util.Optional.empty();
        }
        String region = testData.getShape().get(1) == 1 ? String.format("[-%.3g, %.3g]", box, box)
                : String.format("[-%.3g, %.3g]²", box, box);
        return java.util.Optional.of(new MetricWarning(METRIC, BOX_MISSES_MASS, String.format(
                "test_ll_grid: %d of the %d test points (%.2f%%) lie outside %s; the box misses about that share of the "
                + "data's probability mass, so its log Z is too small and the value too high",
                outside, n, 100.0 * outside / n, region)));
    }

    private static NDArray negEnergyOnGrid(EnergyModel energy, Parameters params, NDManager m, double box, int n) {
        NDArray axis = m.linspace((float) -box, (float) box, n);
        NDArray points = energy.inputDim() == 1
                ? axis.reshape(n, 1)
                : NDArrays.stack(new NDList(axis.tile(n), axis.repeat(n)), 1);
        long total = points.getShape().get(0);
        NDList parts = new NDList();
        for (long s = 0; s < total; s += CHUNK) {
            long e = Math.min(total, s + CHUNK);
            parts.add(energy.energy(params, points.get(new NDIndex(s + ":" + e))).neg());
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
    }

    private static double logZ(NDArray negEnergy, double box, int n, int d) {
        double logCell = d * Math.log(2 * box / (n - 1));
        return Tensors.scalar(Tensors.logSumExp(negEnergy)) + logCell;
    }

    public double box() {
        return box;
    }

    public int resolution() {
        return resolution;
    }
}
