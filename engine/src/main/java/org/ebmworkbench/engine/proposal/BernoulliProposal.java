package org.ebmworkbench.engine.proposal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.ebmworkbench.engine.check.Require;
import org.ebmworkbench.engine.data.BinaryData;
import org.ebmworkbench.engine.data.Dataset;
import org.ebmworkbench.engine.tensor.Tensors;

/**
 * Independent bits on {0, 1}^D, bit j being 1 with probability p_j: log q(x) = Σ_j x_j log p_j + (1 − x_j) log(1 − p_j),
 * −∞ for a row that is not binary. {@link #fit} is the data-mean Bernoulli of the discrete EBMs, the base
 * distribution of Grathwohl et al. 2021 (arXiv:2102.04509) that discrete energy discrepancy reuses.
 */
public final class BernoulliProposal implements Proposal {
    private final double[] probabilities;
    private final NDArray probabilityArray;
    private final NDArray logOddsArray;
    private final double logAllZero;

    public BernoulliProposal(NDManager manager, double[] probabilities) {
        Require.that(probabilities.length > 0, "bernoulli", "probabilities", "have one entry per data dimension",
                "empty");
        double[] logOdds = new double[probabilities.length];
        double allZero = 0;
        for (int j = 0; j < probabilities.length; j++) {
            Require.inOpen("bernoulli", "probabilities[" + j + "]", probabilities[j], 0, 1);
            logOdds[j] = Math.log(probabilities[j]) - Math.log1p(-probabilities[j]);
            allZero += Math.log1p(-probabilities[j]);
        }
        this.probabilities = probabilities.clone();
        this.probabilityArray = Tensors.vector(manager, probabilities);
        this.logOddsArray = Tensors.vector(manager, logOdds);
        this.logAllZero = allZero;
    }

    /** Grathwohl et al.'s ε = 10⁻²: every probability lies in [0.01, 0.99]. */
    public static final double DEFAULT_EPSILON = 0.01;

    /**
     * The per-bit means m_j of binary {@code data}, kept away from 0 and 1 as p_j = ε + (1 − 2ε) m_j (Grathwohl et
     * al.'s {@code mean · (1 − 2ε) + ε}), so every state has positive probability; ε in (0, ½).
     */
    public static BernoulliProposal fit(NDManager manager, Dataset data, double epsilon) {
        Require.inOpen("bernoulli", "epsilon", epsilon, 0, 0.5);
        BinaryData.require("bernoulli", "data", data);
        double[] m = data.mean();
        double[] p = new double[m.length];
        for (int j = 0; j < m.length; j++) {
            p[j] = epsilon + (1 - 2 * epsilon) * m[j];
        }
        return new BernoulliProposal(manager, p);
    }

    public double[] probabilities() {
        return probabilities.clone();
    }

    @Override
    public int dim() {
        return probabilities.length;
    }

    @Override
    public NDArray sample(NDManager manager, int n) {
        return BinaryRows.bernoulli(manager, n, probabilityArray);
    }

    @Override
    public NDArray logProb(NDArray x) {
        return BinaryRows.onlyOnCube(x, x.matMul(logOddsArray.expandDims(1)).squeeze(1).add(logAllZero));
    }

    @Override
    public String describe() {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double p : probabilities) {
            low = Math.min(low, p);
            high = Math.max(high, p);
        }
        return String.format(java.util.Locale.ROOT, "independent Bernoulli bits on {0, 1}^%d, p from %.3g to %.3g", probabilities.length, low,
                high);
    }
}
