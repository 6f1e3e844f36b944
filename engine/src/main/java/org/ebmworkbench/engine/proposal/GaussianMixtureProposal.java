package org.ebmworkbench.engine.proposal;

import org.ebmworkbench.engine.check.Require;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.ebmworkbench.engine.data.Dataset;
import org.ebmworkbench.engine.tensor.Tensors;

/**
 * A mixture of K Gaussians with diagonal covariances: q(x) = Σ_k w_k N(x; μ_k, diag(σ_k²)). SNL's richer 2-D
 * proposal is this with K = 20, fitted by EM from a k-means start (docs/methods.md §5.4); {@link #fit} does that on the
 * host ({@link GaussianMixtureEm}), while {@link #sample} and {@link #logProb} are tensor operations.
 */
public final class GaussianMixtureProposal implements Proposal {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /** Most elements of one N×K×D block in {@link #logProb}, which bounds its memory for large batches. */
    private static final long BLOCK_ELEMENTS = 1L << 24;

    private final double[] weights;
    private final double[][] means;
    private final double[][] stds;
    private final NDArray meanArray;
    private final NDArray stdArray;
    private final NDArray inverseStdArray;
    private final NDArray logCoefficients;
    private final NDArray innerCdf;

    /**
     * @param weights K positive mixing weights summing to one (within 1e-6; they are renormalised exactly)
     * @param means K rows of D component means
     * @param stds K rows of D positive component standard deviations
     */
    public GaussianMixtureProposal(NDManager manager, double[] weights, double[][] means, double[][] stds) {
        int k = weights.length;
        if (k == 0 || means.length != k || stds.length != k || means[0].length == 0) {
            throw new IllegalArgumentException("Gaussian mixture: need K >= 1 weights and K rows of means and stds, got "
                    + k + " weights, " + means.length + " mean rows, " + stds.length + " std rows");
        }
        int d = means[0].length;
        double sum = 0;
        for (double w : weights) {
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("Gaussian mixture: every weight must be positive and finite, got " + w);
            }
            sum += w;
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("Gaussian mixture: weights must sum to 1, sum to " + sum);
        }
        this.weights = new double[k];
        this.means = GaussianMixtureFit.deepCopy(means);
        this.stds = GaussianMixtureFit.deepCopy(stds);
        float[] logCoefficient = new float[k];
        float[] cdf = new float[Math.max(k - 1, 1)];
        double cumulative = 0;
        for (int c = 0; c < k; c++) {
            if (means[c].length != d || stds[c].length != d) {
                throw new IllegalArgumentException("Gaussian mixture: component " + c + " does not have dimension " + d);
            }
            this.weights[c] = weights[c] / sum;
            double lc = Math.log(this.weights[c]) - 0.5 * d * LOG_2PI;
            for (int j = 0; j < d; j++) {
                double s = stds[c][j];
                if (!(s > 0) || Double.isInfinite(s) || !Double.isFinite(means[c][j])) {
                    throw new IllegalArgumentException("Gaussian mixture: component " + c + " needs finite means and "
                            + "positive finite stds, got mean " + means[c][j] + ", std " + s);
                }
                lc -= Math.log(s);
            }
            logCoefficient[c] = (float) lc;
            cumulative += this.weights[c];
            if (c < k - 1) {
                cdf[c] = (float) cumulative;
            }
        }
        if (k == 1) {
            // No inner boundary: a threshold above every uniform draw always selects component 0.
            cdf[0] = 2f;
        }
        this.meanArray = manager.create(Cholesky.toFloatRows(this.means));
        this.stdArray = manager.create(Cholesky.toFloatRows(this.stds));
        this.inverseStdArray = manager.create(Cholesky.toFloatRows(inverse(this.stds)));
        this.logCoefficients = manager.create(logCoefficient);
        this.innerCdf = manager.create(cdf);
    }

    /** SNL's 20-component proposal. */
    public static final int DEFAULT_COMPONENTS = 20;

    /** {@link #fit(NDManager, Dataset, int, long, GaussianMixtureEm.Settings)} with the default EM settings. */
    public static GaussianMixtureProposal fit(NDManager manager, Dataset data, int k, long seed) {
        return fit(manager, data, k, seed, GaussianMixtureEm.Settings.DEFAULT);
    }

    /** Fits k components to {@code data} by EM from a k-means++/k-means start seeded by {@code seed}. */
    public static GaussianMixtureProposal fit(
            NDManager manager, Dataset data, int k, long seed, GaussianMixtureEm.Settings settings) {
        Require.atLeast("gaussianMixture", "components", k, 1);
        Require.that(k <= data.size(), "gaussianMixture", "components", "be ≤ the " + data.size()
                + " rows of the training set", k);
        return of(manager, GaussianMixtureEm.fit(data, k, seed, settings));
    }

    /** The proposal with the parameters of an EM fit. */
    public static GaussianMixtureProposal of(NDManager manager, GaussianMixtureFit fit) {
        return new GaussianMixtureProposal(manager, fit.weights(), fit.means(), fit.stds());
    }

    private static double[][] inverse(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i][j] = 1 / m[i][j];
            }
        }
        return out;
    }

    public int components() {
        return weights.length;
    }

    public double[] weights() {
        return weights.clone();
    }

    public double[][] means() {
        return GaussianMixtureFit.deepCopy(means);
    }

    public double[][] stds() {
        return GaussianMixtureFit.deepCopy(stds);
    }

    @Override
    public int dim() {
        return means[0].length;
    }

    /**
     * Picks each row's component by inverse CDF (u ~ U[0,1), component = number of inner cumulative weights ≤ u),
     * gathers its mean and std, and adds Gaussian noise: exact, with no matrix product that could round.
     */
    @Override
    public NDArray sample(NDManager manager, int n) {
        int d = dim();
        NDArray u = manager.randomUniform(0f, 1f, new Shape(n, 1));
        NDArray component = u.gte(innerCdf).toType(DataType.INT64, false).sum(new int[] {1}, true);
        NDArray index = component.repeat(1, d);
        NDArray centre = meanArray.gather(index, 0);
        NDArray scale = stdArray.gather(index, 0);
        return manager.randomNormal(new Shape(n, d)).mul(scale).add(centre);
    }

    /** logsumexp_k(log w_k + log N(x; μ_k, diag σ_k²)), in row blocks so N·K·D stays bounded. */
    @Override
    public NDArray logProb(NDArray x) {
        return logProb(x, Math.max(1, BLOCK_ELEMENTS / ((long) components() * dim())));
    }

    /** {@link #logProb(NDArray)} with a given block height (exposed to the package so tests can force blocks). */
    NDArray logProb(NDArray x, long rows) {
        int d = dim();
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != d) {
            throw new IllegalArgumentException("Gaussian mixture expects a batch of shape (N, " + d + "), got " + x.getShape());
        }
        long n = x.getShape().get(0);
        if (n <= rows) {
            return logProbOfBlock(x);
        }
        NDList parts = new NDList();
        for (long s = 0; s < n; s += rows) {
            parts.add(logProbOfBlock(x.get(new NDIndex(s + ":" + Math.min(n, s + rows)))));
        }
        return NDArrays.concat(parts);
    }

    private NDArray logProbOfBlock(NDArray x) {
        NDArray z = x.expandDims(1).sub(meanArray).mul(inverseStdArray);
        NDArray logJoint = z.square().sum(new int[] {2}).mul(-0.5).add(logCoefficients);
        return Tensors.logSumExp(logJoint, 1);
    }

    @Override
    public String describe() {
        return components() + "-component diagonal Gaussian mixture, D=" + dim();
    }
}
