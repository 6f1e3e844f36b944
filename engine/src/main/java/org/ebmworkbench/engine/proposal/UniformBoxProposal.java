package org.ebmworkbench.engine.proposal;

import org.ebmworkbench.engine.check.Require;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.ebmworkbench.engine.data.Dataset;
import org.ebmworkbench.engine.tensor.Tensors;

/** The uniform distribution on the box [low, high]; log q = −log volume inside and −∞ outside. */
public final class UniformBoxProposal implements Proposal {
    private final double[] low;
    private final double[] high;
    private final NDArray lowArray;
    private final NDArray highArray;
    private final NDArray widthArray;
    private final double logVolume;

    public UniformBoxProposal(NDManager manager, double[] low, double[] high) {
        Require.that(low.length > 0, "uniformBox", "low", "have one entry per data dimension", "empty");
        Require.that(high.length == low.length, "uniformBox", "high", "have as many entries as low (" + low.length
                + ")", high.length + " entries");
        double lv = 0;
        double[] width = new double[low.length];
        for (int j = 0; j < low.length; j++) {
            width[j] = high[j] - low[j];
            Require.that(Double.isFinite(low[j]), "uniformBox", "low[" + j + "]", "be finite", low[j]);
            Require.that(width[j] > 0 && Double.isFinite(width[j]), "uniformBox", "high[" + j + "]",
                    "be finite and > low[" + j + "] = " + low[j], high[j]);
            lv += Math.log(width[j]);
        }
        this.low = low.clone();
        this.high = high.clone();
        this.lowArray = Tensors.vector(manager, low);
        this.highArray = Tensors.vector(manager, high);
        this.widthArray = Tensors.vector(manager, width);
        this.logVolume = lv;
    }

    /** 10 % of the data's range on each side. */
    public static final double DEFAULT_MARGIN = 0.1;

    /** The bounding box of {@code data} widened by {@code margin} times its range on each side. */
    public static UniformBoxProposal fit(NDManager manager, Dataset data, double margin) {
        Require.nonNegative("uniformBox", "margin", margin);
        int d = data.dim();
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        float[] v = data.toArray();
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < d; j++) {
                lo[j] = Math.min(lo[j], v[i * d + j]);
                hi[j] = Math.max(hi[j], v[i * d + j]);
            }
        }
        for (int j = 0; j < d; j++) {
            double range = Math.max(hi[j] - lo[j], 1e-6);
            lo[j] -= margin * range;
            hi[j] += margin * range;
        }
        return new UniformBoxProposal(manager, lo, hi);
    }

    public double[] low() {
        return low.clone();
    }

    public double[] high() {
        return high.clone();
    }

    @Override
    public int dim() {
        return low.length;
    }

    @Override
    public NDArray sample(NDManager manager, int n) {
        return manager.randomUniform(0f, 1f, new Shape(n, low.length)).mul(widthArray).add(lowArray);
    }

    @Override
    public NDArray logProb(NDArray x) {
        NDArray inside = x.gte(lowArray).logicalAnd(x.lte(highArray)).toType(DataType.INT32, false)
                .sum(new int[] {1}).eq(low.length);
        Shape n = new Shape(x.getShape().get(0));
        NDManager m = x.getManager();
        return NDArrays.where(inside, m.full(n, (float) -logVolume), m.full(n, Float.NEGATIVE_INFINITY));
    }

    @Override
    public String describe() {
        return "uniform box " + DiagonalGaussianProposal.fmt(low) + " .. " + DiagonalGaussianProposal.fmt(high);
    }
}
