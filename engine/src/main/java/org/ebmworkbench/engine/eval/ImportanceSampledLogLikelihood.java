package org.ebmworkbench.engine.eval;

import org.ebmworkbench.engine.check.Require;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.proposal.Proposal;
import org.ebmworkbench.engine.tensor.Parameters;
import org.ebmworkbench.engine.tensor.Tensors;

/**
 * Importance-sampled test log-likelihood (SNL code's {@code log_likelihood_IS}, docs/methods.md §2.2):
 * log Ẑ = logsumexp_k(−E(x̃_k) − log q(x̃_k)) − log K with K proposal samples (20 000 by default), and
 * LL = mean_i(−E(x_i)) − log Ẑ. Works in any dimension; log Ẑ is biased low for finite K (Jensen), so the
 * log-likelihood is biased high; exact as K → ∞.
 */
public final class ImportanceSampledLogLikelihood {
    /** Metric name in run records. */
    public static final String METRIC = "test_ll_is";
    private static final int CHUNK = 65_536;

    private final int samples;

    /** The SNL code's test-time proposal samples. */
    public static final int DEFAULT_SAMPLES = 20_000;

    public ImportanceSampledLogLikelihood(int samples) {
        Require.atLeast(METRIC, "samples", samples, 1);
        this.samples = samples;
    }

    public double evaluate(EnergyModel energy, Parameters params, Proposal proposal, NDArray testData) {
        NDManager m = testData.getManager();
        try (NDScope ignored = new NDScope()) {
            NDList logWeights = new NDList();
            for (int done = 0; done < samples; done += CHUNK) {
                int k = Math.min(CHUNK, samples - done);
                NDArray x = proposal.sample(m, k);
                logWeights.add(energy.energy(params, x).neg().sub(proposal.logProb(x)));
            }
            NDArray all = logWeights.size() == 1 ? logWeights.get(0) : NDArrays.concat(logWeights);
            double logZ = Tensors.scalar(Tensors.logMeanExp(all));
            return -Tensors.scalar(energy.energy(params, testData).mean()) - logZ;
        }
    }

    public int samples() {
        return samples;
    }
}
