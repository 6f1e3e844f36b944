package org.ebmworkbench.engine.proposal;

import org.ebmworkbench.engine.check.Require;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.ebmworkbench.engine.data.Dataset;
import org.ebmworkbench.engine.tensor.Tensors;

/**
 * N(μ, Σ) with a full covariance, through its Cholesky factor Σ = L Lᵀ: samples are μ + L z and
 * log q(x) = −½‖L⁻¹(x − μ)‖² − Σ log L_ii − (D/2) log 2π. The factorisation is done once on the host (D is small).
 */
public final class FullGaussianProposal implements Proposal {
    private final double[] mean;
    private final double[][] covariance;
    private final NDArray meanArray;
    private final NDArray choleskyT;
    private final NDArray inverseCholeskyT;
    private final double logNormaliser;

    public FullGaussianProposal(NDManager manager, double[] mean, double[][] covariance) {
        int d = mean.length;
        if (d == 0 || covariance.length != d) {
            throw new IllegalArgumentException("full Gaussian proposal: covariance must be " + d + " x " + d);
        }
        this.mean = mean.clone();
        this.covariance = new double[d][];
        for (int i = 0; i < d; i++) {
            if (covariance[i].length != d) {
                throw new IllegalArgumentException("full Gaussian proposal: covariance must be " + d + " x " + d);
            }
            this.covariance[i] = covariance[i].clone();
        }
        double[][] l = Cholesky.factor(covariance);
        double[][] lInv = Cholesky.invertLower(l);
        this.meanArray = Tensors.vector(manager, mean);
        this.choleskyT = manager.create(Cholesky.toFloatRows(Cholesky.transpose(l)));
        this.inverseCholeskyT = manager.create(Cholesky.toFloatRows(Cholesky.transpose(lInv)));
        double ln = 0.5 * d * Math.log(2 * Math.PI);
        for (int i = 0; i < d; i++) {
            ln += Math.log(l[i][i]);
        }
        this.logNormaliser = ln;
    }

    /** Sample mean and covariance of {@code data}, the diagonal inflated by {@code jitter²}. */
    public static FullGaussianProposal fit(NDManager manager, Dataset data, double jitter) {
        Require.nonNegative("gaussian", "jitter", jitter);
        double[][] cov = data.covariance();
        for (int j = 0; j < cov.length; j++) {
            cov[j][j] += jitter * jitter;
        }
        return new FullGaussianProposal(manager, data.mean(), cov);
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[][] covariance() {
        double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = covariance[i].clone();
        }
        return c;
    }

    @Override
    public int dim() {
        return mean.length;
    }

    @Override
    public NDArray sample(NDManager manager, int n) {
        return manager.randomNormal(new Shape(n, mean.length)).matMul(choleskyT).add(meanArray);
    }

    @Override
    public NDArray logProb(NDArray x) {
        NDArray z = x.sub(meanArray).matMul(inverseCholeskyT);
        return z.square().sum(new int[] {1}).mul(-0.5).sub(logNormaliser);
    }

    @Override
    public String describe() {
        return "full-covariance Gaussian, mean " + DiagonalGaussianProposal.fmt(mean);
    }
}
