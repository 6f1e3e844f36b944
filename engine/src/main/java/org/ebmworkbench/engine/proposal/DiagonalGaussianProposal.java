package org.ebmworkbench.engine.proposal;

import org.ebmworkbench.engine.check.Require;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.ebmworkbench.engine.data.Dataset;
import org.ebmworkbench.engine.tensor.Tensors;

/**
 * N(μ, diag(σ²)). {@link #fit} follows SNL's 2-D default: mean and standard deviation of the training data after
 * adding N(0, jitter²) noise (docs/methods.md §5.1); in expectation the jitter adds jitter² to each variance, which is
 * what we add, deterministically.
 */
public final class DiagonalGaussianProposal implements Proposal {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double[] mean;
    private final double[] std;
    private final NDArray meanArray;
    private final NDArray stdArray;
    private final double logNormaliser;

    public DiagonalGaussianProposal(NDManager manager, double[] mean, double[] std) {
        Require.that(mean.length > 0, "gaussian", "mean", "have one entry per data dimension", "empty");
        Require.that(std.length == mean.length, "gaussian", "std", "have as many entries as mean (" + mean.length
                + ")", std.length + " entries");
        for (int i = 0; i < mean.length; i++) {
            Require.that(Double.isFinite(mean[i]), "gaussian", "mean[" + i + "]", "be finite", mean[i]);
            Require.positive("gaussian", "std[" + i + "]", std[i]);
        }
        this.mean = mean.clone();
        this.std = std.clone();
        this.meanArray = Tensors.vector(manager, mean);
        this.stdArray = Tensors.vector(manager, std);
        double ln = 0;
        for (double s : std) {
            ln += Math.log(s) + 0.5 * LOG_2PI;
        }
        this.logNormaliser = ln;
    }

    /** The std of the noise added to the data before a Gaussian is fitted (the SNL code's 1e-2). */
    public static final double DEFAULT_JITTER = 0.01;

    /** Mean and per-coordinate std of {@code data}, the variance inflated by {@code jitter²}. */
    public static DiagonalGaussianProposal fit(NDManager manager, Dataset data, double jitter) {
        Require.nonNegative("gaussian", "jitter", jitter);
        double[] m = data.mean();
        double[][] cov = data.covariance();
        double[] s = new double[m.length];
        for (int j = 0; j < m.length; j++) {
            s[j] = Math.sqrt(cov[j][j] + jitter * jitter);
        }
        return new DiagonalGaussianProposal(manager, m, s);
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] std() {
        return std.clone();
    }

    @Override
    public int dim() {
        return mean.length;
    }

    @Override
    public NDArray sample(NDManager manager, int n) {
        return manager.randomNormal(new Shape(n, mean.length)).mul(stdArray).add(meanArray);
    }

    @Override
    public NDArray logProb(NDArray x) {
        NDArray z = x.sub(meanArray).div(stdArray);
        return z.square().sum(new int[] {1}).mul(-0.5).sub(logNormaliser);
    }

    @Override
    public String describe() {
        return "diagonal Gaussian N(" + fmt(mean) + ", diag(" + fmt(std) + ")²)";
    }

    static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format("%.3g", v[i]));
        }
        return sb.append(']').toString();
    }
}
