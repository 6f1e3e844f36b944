package org.ebmworkbench.engine.eval;

import org.ebmworkbench.engine.check.Require;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.ebmworkbench.engine.data.Dataset;
import org.ebmworkbench.engine.data.ToyDataset;
import org.ebmworkbench.engine.data.ToyDatasets;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.tensor.Parameters;
import org.ebmworkbench.engine.tensor.Tensors;

/**
 * Mean squared error of the log-density, the protocol of the Energy Discrepancy 2-D experiment (docs/methods.md §2.3):
 * draw n = 5000 fresh points x_i from the data distribution, estimate log Ẑ = logsumexp_i(−E(x_i) − log p(x_i)) −
 * log n (importance sampling with the true density as proposal), and report
 * mean_i (−E(x_i) − log Ẑ − log p(x_i))². It is 0 exactly when E = −log p + const on the points, is invariant to a
 * constant shift of E, and needs a dataset whose density has a closed form ({@link ToyDataset#hasDensity()}).
 *
 * <p>Energies are evaluated in float32 like everywhere else; the sum over points is done in float64, because the
 * metric is a small mean of squared differences of numbers of order 10.
 */
public final class MseLogDensity {
    /** Metric name in run records. */
    public static final String METRIC = "mse_log_density";
    /** Points per evaluation in the ED notebook. */
    public static final int DEFAULT_POINTS = 5000;
    private static final int CHUNK = 65_536;

    private final int points;

    /** The ED protocol: 5000 points. */
    public MseLogDensity() {
        this(DEFAULT_POINTS);
    }

    public MseLogDensity(int points) {
        Require.atLeast(METRIC, "points", points, 2);
        this.points = points;
    }

    public int points() {
        return points;
    }

    /** Draws {@link #points()} fresh points from {@code dataset} with {@code new SplittableRandom(seed)} and scores them. */
    public double evaluate(EnergyModel energy, Parameters params, ToyDataset dataset, long seed, NDManager manager) {
        requireDensity(dataset);
        return evaluateAt(energy, params, dataset, dataset.sample(points, new SplittableRandom(seed)), manager);
    }

    /**
     * The metric on given points, which must have been drawn from {@code dataset} (the estimate of log Ẑ assumes
     * so); useful to score several models on one evaluation set. Uses all rows of {@code sample}, whatever
     * {@link #points()} says.
     */
    public double evaluateAt(EnergyModel energy, Parameters params, ToyDataset dataset, Dataset sample, NDManager manager) {
        requireDensity(dataset);
        int dim = sample.dim();
        if (dim != dataset.dim() || energy.inputDim() != dim) {
            throw new IllegalArgumentException("mse_log_density: dataset '" + dataset.name() + "' is " + dataset.dim()
                    + "-D; got points of dimension " + dim + " and an energy of input dimension " + energy.inputDim());
        }
        int n = sample.size();
        float[] v = sample.toArray();
        double[] logDensity = new double[n];
        double[] point = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                point[j] = v[i * dim + j];
            }
            logDensity[i] = dataset.logDensity(point);
            if (!Double.isFinite(logDensity[i])) {
                throw new IllegalArgumentException("mse_log_density: point " + i + " " + java.util.Arrays.toString(point)
                        + " has log-density " + logDensity[i] + " under '" + dataset.name()
                        + "'; the points must come from that dataset");
            }
        }
        try (NDScope ignored = new NDScope()) {
            NDArray x = Tensors.fromRows(manager, v, n, dim);
            NDList parts = new NDList();
            for (int s = 0; s < n; s += CHUNK) {
                parts.add(energy.energy(params, x.get(new NDIndex(s + ":" + Math.min(n, s + CHUNK)))));
            }
            NDArray e = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
            // a_i = −E(x_i) − log p(x_i); the metric is the variance-like mean of (a_i − log mean exp a)².
            NDArray a = e.toType(DataType.FLOAT64, false).neg().sub(manager.create(logDensity));
            NDArray logZ = Tensors.logMeanExp(a);
            return Tensors.scalar(a.sub(logZ).square().mean());
        }
    }

    private static void requireDensity(ToyDataset dataset) {
        if (!dataset.hasDensity()) {
            String withDensity = ToyDatasets.all().stream().filter(ToyDataset::hasDensity).map(ToyDataset::name)
                    .collect(Collectors.joining(", "));
            throw new IllegalArgumentException("mse_log_density needs the data's closed-form density, and dataset '"
                    + dataset.name() + "' has none; datasets with one: " + withDensity);
        }
    }

    /** The protocol in one line, for reports. */
    public String describe() {
        return "MSE of log-density on " + points + " fresh data points, log Z by importance sampling with the true "
                + "density as proposal (ED protocol)";
    }
}
