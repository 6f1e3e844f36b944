package org.ebmworkbench.engine.proposal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.ebmworkbench.engine.check.Require;

/**
 * The uniform distribution on the binary hypercube {0, 1}^D: every state has log q = −D log 2, a row that is not
 * binary −∞. The importance-sampling proposal of the NLL of discrete EBMs (EB-GFN, Zhang et al. 2022,
 * arXiv:2202.01361) and the noise of SNL and NCE on binary data. Samples are float32 rows of 0s and 1s.
 */
public final class UniformBinaryProposal implements Proposal {
    private static final double LOG_2 = Math.log(2);

    private final int dim;

    public UniformBinaryProposal(int dim) {
        Require.atLeast("uniformBinary", "dim", dim, 1);
        this.dim = dim;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public NDArray sample(NDManager manager, int n) {
        return BinaryRows.bernoulli(manager, n, manager.full(new Shape(dim), 0.5f));
    }

    @Override
    public NDArray logProb(NDArray x) {
        NDManager m = x.getManager();
        return BinaryRows.onlyOnCube(x, m.full(new Shape(x.getShape().get(0)), (float) (-dim * LOG_2)));
    }

    @Override
    public String describe() {
        return "uniform on {0, 1}^" + dim;
    }
}
