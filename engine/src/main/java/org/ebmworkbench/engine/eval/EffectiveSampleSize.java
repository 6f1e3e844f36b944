package org.ebmworkbench.engine.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/**
 * The effective sample size of Markov chains of a scalar statistic, the estimator DISCS uses (Goshvadi et al. 2023,
 * the google-research/discs benchmark, through TensorFlow Probability's {@code effective_sample_size}): per chain of
 * length N, with the autocorrelations R_k = γ_k / γ_0, γ_k = (1/N) Σ_t (f_t − f̄)(f_{t+k} − f̄),
 * ESS = N / (1 + 2 Σ_{k=1}^{N−1} (1 − k/N) R_k), the sum cut at the first lag with R_k < 0 (every later R_k counts as
 * 0). A constant chain, whose R_k are undefined, counts as ESS 1, as in DISCS. An i.i.d. chain has ESS ≈ N, a
 * stationary AR(1) chain with coefficient ρ has ESS ≈ N(1 − ρ)/(1 + ρ).
 *
 * <p>All in tensor operations over the chains at once: one pass per lag, no host read.
 */
public final class EffectiveSampleSize {
    private EffectiveSampleSize() {}

    /** The ESS of each column of {@code chain} (N steps × C chains, N ≥ 2), shape C, float64. */
    public static NDArray perChain(NDArray chain) {
        long n = chain.getShape().get(0);
        if (chain.getShape().dimension() != 2 || n < 2) {
            throw new IllegalArgumentException("ess: needs a chain of shape (steps ≥ 2, chains), got " + chain.getShape());
        }
        NDArray f = chain.toType(DataType.FLOAT64, false);
        NDArray centred = f.sub(f.mean(new int[] {0}, true));
        NDArray variance = centred.square().sum(new int[] {0}).div(n);
        NDList lags = new NDList();
        for (long k = 1; k < n; k++) {
            NDArray lead = centred.get(new NDIndex(k + ":"));
            NDArray lagged = centred.get(new NDIndex(":" + (n - k)));
            lags.add(lead.mul(lagged).sum(new int[] {0}).div(n).expandDims(0));
        }
        NDArray autocorrelation = NDArrays.concat(lags).div(variance.expandDims(0));
        // 1 up to the first negative autocorrelation, 0 from there on.
        NDArray beforeFirstNegative = autocorrelation.lt(0).toType(DataType.FLOAT64, false).cumSum(0).eq(0)
                .toType(DataType.FLOAT64, false);
        NDArray weights = chain.getManager().arange(1, (int) n, 1, DataType.FLOAT64).neg().add(n).div(n).expandDims(1);
        NDArray tau = autocorrelation.mul(weights).mul(beforeFirstNegative).sum(new int[] {0}).mul(2).add(1);
        NDArray ess = tau.pow(-1).mul(n);
        return NDArrays.where(ess.isNaN(), ess.onesLike(), ess);
    }

    /** The mean over chains of {@link #perChain}, a float64 scalar. */
    public static NDArray mean(NDArray chain) {
        return perChain(chain).mean();
    }
}
