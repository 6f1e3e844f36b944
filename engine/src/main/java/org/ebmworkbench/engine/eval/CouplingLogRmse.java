package org.ebmworkbench.engine.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import org.ebmworkbench.engine.energy.PairwiseCouplings;
import org.ebmworkbench.engine.tensor.Parameters;
import org.ebmworkbench.engine.tensor.Tensors;

/**
 * The coupling error of the lattice Ising benchmark (Grathwohl et al. 2021, arXiv:2102.04509): the learned coupling
 * matrix Ĵ is symmetrised, (Ĵ + Ĵᵀ)/2, and compared with the true J by RMSE = √(mean_ij (J_ij − Ĵ_ij)²) over all D²
 * entries, reported as its natural log (−∞ for an exact match). Lower is better; the trivial estimate Ĵ = 0 scores
 * log √(mean_ij J_ij²), which {@link #zeroEstimate} gives.
 */
public final class CouplingLogRmse {
    /** Metric name in run records. */
    public static final String METRIC = "log_rmse_J";

    /** log RMSE between the symmetrised couplings of {@code energy} at {@code params} and {@code truth} (D × D). */
    public double evaluate(PairwiseCouplings energy, Parameters params, NDArray truth) {
        try (NDScope ignored = new NDScope()) {
            NDArray learned = energy.couplings(params).toType(DataType.FLOAT64, false);
            if (!learned.getShape().equals(truth.getShape())) {
                throw new IllegalArgumentException(METRIC + ": the energy's couplings have shape " + learned.getShape()
                        + " but the true couplings " + truth.getShape());
            }
            NDArray symmetric = learned.add(learned.transpose()).mul(0.5);
            NDArray error = symmetric.sub(truth.toType(DataType.FLOAT64, false));
            return Math.log(Math.sqrt(Tensors.scalar(error.square().mean())));
        }
    }

    /** log RMSE of the estimate Ĵ = 0 against {@code truth}. */
    public static double zeroEstimate(double[][] truth) {
        double sum = 0;
        long count = 0;
        for (double[] row : truth) {
            for (double v : row) {
                sum += v * v;
                count++;
            }
        }
        return Math.log(Math.sqrt(sum / count));
    }

    public String describe() {
        return "log RMSE over all D² entries of the symmetrised learned J against the true J";
    }
}
