package org.ebmworkbench.engine.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import org.ebmworkbench.engine.check.Require;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.proposal.UniformBinaryProposal;
import org.ebmworkbench.engine.tensor.Parameters;
import org.ebmworkbench.engine.tensor.Tensors;

/**
 * The test negative log-likelihood of an energy on {0, 1}^D with log Z by importance sampling from the uniform
 * distribution on {0, 1}^D, the NLL of the EB-GFN evaluation of the 32-bit toys (Zhang et al. 2022, arXiv:2202.01361):
 * log Ẑ = logsumexp_k(−E(z_k)) + D log 2 − log K with z_k uniform, NLL = mean_i E(x_i) + log Ẑ (lower is better).
 * E[Ẑ] = Z, so log Ẑ is biased low by about half its variance (Jensen); {@link NllEstimate#logZStandardError} says
 * how far to trust it. The K samples are drawn in chunks of {@link #CHUNK} and combined without host reads.
 */
public final class UniformIsNll {
    /** Metric name in run records. */
    public static final String METRIC = "nll_is";
    private static final int CHUNK = 65_536;

    /** Proposal samples when a script gives none (the reference gives no number; 10⁵ keeps an evaluation to seconds). */
    public static final int DEFAULT_SAMPLES = 100_000;

    private final int samples;

    public UniformIsNll(int samples) {
        Require.atLeast(METRIC, "samples", samples, 1);
        this.samples = samples;
    }

    public int samples() {
        return samples;
    }

    public NllEstimate evaluate(EnergyModel energy, Parameters params, NDArray testData) {
        NDManager m = testData.getManager();
        int d = energy.inputDim();
        UniformBinaryProposal uniform = new UniformBinaryProposal(d);
        try (NDScope ignored = new NDScope()) {
            NDList logWeights = new NDList();
            for (int done = 0; done < samples; done += CHUNK) {
                NDArray z = uniform.sample(m, Math.min(CHUNK, samples - done));
                logWeights.add(energy.energy(params, z).neg().toType(DataType.FLOAT64, false));
            }
            NDArray all = logWeights.size() == 1 ? logWeights.get(0) : NDArrays.concat(logWeights);
            double logZ = Tensors.scalar(Tensors.logMeanExp(all)) + d * Math.log(2);
            double ess = Tensors.scalar(Tensors.effectiveSampleSize(all));
            double standardError = Math.sqrt(Math.max(0, samples / ess - 1) / samples);
            double meanEnergy = Tensors.scalar(energy.energy(params, testData).toType(DataType.FLOAT64, false).mean());
            return new NllEstimate(meanEnergy + logZ, logZ, standardError, samples);
        }
    }

    public String describe() {
        return "NLL with log Z by importance sampling, " + samples + " uniform samples on {0, 1}^D";
    }
}
