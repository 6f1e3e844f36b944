package org.ebmworkbench.engine.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.tensor.Parameters;
import org.ebmworkbench.engine.tensor.Tensors;

/**
 * The exact test negative log-likelihood of an energy on {0, 1}^D: log Z = logsumexp over all 2^D states of −E(x), by
 * enumeration, and NLL = mean_i E(x_i) + log Z (nats per test point; lower is better). The states are generated on the
 * device in chunks of {@link #CHUNK_STATES} rows (state k is the row whose bit j is bit j of k), so memory stays at one
 * chunk whatever D; one value per chunk is kept and combined at the end, with no host read in between. Limited to
 * D ≤ {@link #MAX_DIM} (about a million energy evaluations).
 */
public final class ExactBinaryNll {
    /** Metric name in run records. */
    public static final String METRIC = "nll_exact";
    /** Largest D enumerated: 2^20 states. */
    public static final int MAX_DIM = 20;
    /** States per chunk. */
    public static final int CHUNK_STATES = 1 << 16;

    /** Throws unless {@code dim} can be enumerated. */
    public static void checkDim(int dim) {
        if (dim < 1 || dim > MAX_DIM) {
            throw new IllegalArgumentException(METRIC + " enumerates all 2^D states and needs 1 ≤ D ≤ " + MAX_DIM
                    + ", but the data have D = " + dim + " (use nll_is, importance sampling, for larger D)");
        }
    }

    /** log Z = log Σ_x exp(−E(x)) over x ∈ {0, 1}^D, D = the energy's input dimension. */
    public double logPartition(EnergyModel energy, Parameters params, NDManager manager) {
        int d = energy.inputDim();
        checkDim(d);
        long total = 1L << d;
        try (NDScope ignored = new NDScope()) {
            NDList perChunk = new NDList();
            for (long from = 0; from < total; from += CHUNK_STATES) {
                NDArray x = states(manager, from, Math.min(total, from + CHUNK_STATES), d);
                NDArray negativeEnergy = energy.energy(params, x).neg().toType(DataType.FLOAT64, false);
                perChunk.add(Tensors.logSumExp(negativeEnergy).reshape(1));
            }
            return Tensors.scalar(Tensors.logSumExp(NDArrays.concat(perChunk)));
        }
    }

    /** The exact NLL of the rows of {@code testData} (binary, N × D). */
    public double evaluate(EnergyModel energy, Parameters params, NDArray testData) {
        double logZ = logPartition(energy, params, testData.getManager());
        try (NDScope ignored = new NDScope()) {
            return Tensors.scalar(energy.energy(params, testData).toType(DataType.FLOAT64, false).mean()) + logZ;
        }
    }

    /** Rows {@code from} .. {@code to − 1} of the enumeration: row k has bit j of k in column j (float32). */
    public static NDArray states(NDManager manager, long from, long to, int dim) {
        NDArray index = manager.arange(Math.toIntExact(from), Math.toIntExact(to), 1, DataType.FLOAT64).expandDims(1);
        double[] powers = new double[dim];
        for (int j = 0; j < dim; j++) {
            powers[j] = Math.scalb(1.0, j);
        }
        NDArray place = manager.create(powers).expandDims(0);
        return index.div(place).floor().mod(2).toType(DataType.FLOAT32, false);
    }

    public String describe() {
        return "exact NLL, log Z by enumerating all 2^D binary states (D ≤ " + MAX_DIM + "), chunks of "
                + CHUNK_STATES + " states";
    }
}
