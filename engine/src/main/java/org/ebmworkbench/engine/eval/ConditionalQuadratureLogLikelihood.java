package org.ebmworkbench.engine.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.ebmworkbench.engine.check.Require;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.tensor.Parameters;
import org.ebmworkbench.engine.tensor.Tensors;

/**
 * Test conditional log-likelihood E log p(y | x) of a regression energy with a 1-D target, Z(x) by quadrature over
 * y (docs/methods.md §12.5): for each test row [xᵢ, yᵢ], log Z(xᵢ) = log Σ_g w_g exp(−E(xᵢ, y_g)) over the
 * {@code points} equally spaced y_g on [low, high] with trapezoid weights w_g, and the value is
 * mean_i [−E(xᵢ, yᵢ) − log Z(xᵢ)]. Mass the model puts outside [low, high] is not counted, so the range must hold
 * the targets with a margin. The energy's x-only part cancels, so no normaliser is needed.
 */
public final class ConditionalQuadratureLogLikelihood {
    /** Metric name in run records. */
    public static final String METRIC = "test_ll_quad";
    /** Quadrature points on the target range. */
    public static final int DEFAULT_POINTS = 1024;
    private static final int CHUNK_ROWS = 1 << 18;

    private final double low;
    private final double high;
    private final int points;

    public ConditionalQuadratureLogLikelihood(double low, double high, int points) {
        Require.that(high > low, METRIC, "range", "have high > low", "[" + low + ", " + high + "]");
        Require.atLeast(METRIC, "points", points, 3);
        this.low = low;
        this.high = high;
        this.points = points;
    }

    public double low() {
        return low;
    }

    public double high() {
        return high;
    }

    public int points() {
        return points;
    }

    /** The mean test log-likelihood over the rows [x, y] of {@code test} (target last). */
    public double evaluate(EnergyModel energy, Parameters params, NDArray test) {
        try (NDScope ignored = new NDScope()) {
            NDArray logP = logConditional(energy, params, test);
            return Tensors.scalar(logP.mean());
        }
    }

    /** log p(yᵢ | xᵢ) for every row (N), in the current scope. */
    public NDArray logConditional(EnergyModel energy, Parameters params, NDArray test) {
        NDArray logZ = logNormalisers(energy, params, test.get(new NDIndex(":, :-1")));
        return energy.energy(params, test).neg().sub(logZ);
    }

    /** log Z(xᵢ) by the trapezoid rule, for the inputs x (N × featureDim), in the current scope. */
    public NDArray logNormalisers(EnergyModel energy, Parameters params, NDArray x) {
        NDManager m = x.getManager();
        long n = x.getShape().get(0);
        long featureDim = x.getShape().get(1);
        double step = (high - low) / (points - 1);
        NDArray grid = m.linspace((float) low, (float) high, points).toType(x.getDataType(), false);
        float[] logWeights = new float[points];
        for (int g = 0; g < points; g++) {
            logWeights[g] = (float) Math.log(g == 0 || g == points - 1 ? step / 2 : step);
        }
        NDArray logW = m.create(logWeights).toType(x.getDataType(), false);
        long perChunk = Math.max(1, CHUNK_ROWS / points);
        NDList parts = new NDList();
        for (long start = 0; start < n; start += perChunk) {
            long end = Math.min(n, start + perChunk);
            long c = end - start;
            NDArray xc = x.get(new NDIndex(start + ":" + end));
            NDArray pairedX = xc.expandDims(1).broadcast(new Shape(c, points, featureDim)).reshape(c * points, featureDim);
            NDArray ys = grid.expandDims(0).broadcast(new Shape(c, points)).reshape(c * points, 1);
            NDArray e = energy.energy(params, NDArrays.concat(new NDList(pairedX, ys), 1)).reshape(c, points);
            parts.add(Tensors.logSumExp(e.neg().add(logW), 1));
        }
        return parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 0);
    }

    public String describe() {
        return METRIC + ": E log p(y | x), log Z(x) by the trapezoid rule on " + points + " points over [" + low + ", "
                + high + "]";
    }
}
