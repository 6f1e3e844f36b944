package org.ebmworkbench.engine.energy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.ebmworkbench.engine.check.Require;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * A fully connected Ising model on x ∈ {0, 1}^D: with spins s = 2x − 1, E(x) = −(sᵀ J s + bᵀ s), the convention of
 * the lattice Ising benchmark of Grathwohl et al. 2021 (arXiv:2102.04509) that discrete ED reuses (see
 * {@link PairwiseCouplings}).
 *
 * <p>J is symmetric with zero diagonal by construction: the free parameter is a full D x D matrix W and
 * J = ((W + Wᵀ)/2) ⊙ (1 − I). This is Grathwohl et al.'s learner, whose energy only sees the symmetric part of its
 * matrix and whose diagonal (a constant, as sᵢ² = 1) is zeroed after each step; here the mask zeroes it, and with it
 * its gradient, in the forward pass. Parameters: {@code ising.weight} (D x D, initialised N(0, initStd²), their 0.01)
 * and {@code ising.bias} (D, initialised 0). An exponential family in (J, b), so SNL's objective is concave in them.
 */
public final class IsingEnergy implements EnergyModel, PairwiseCouplings {
    public static final String WEIGHT = "ising.weight";
    public static final String BIAS = "ising.bias";

    private final int inputDim;
    private final double initStd;

    private IsingEnergy(Builder b) {
        this.inputDim = b.inputDim;
        this.initStd = b.initStd;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int inputDim() {
        return inputDim;
    }

    /** The standard deviation of the initial weights. */
    public double initStd() {
        return initStd;
    }

    @Override
    public Parameters initialize(NDManager manager) {
        Shape square = new Shape(inputDim, inputDim);
        NDArray weight = initStd == 0 ? manager.zeros(square) : manager.randomNormal(0f, (float) initStd, square, DataType.FLOAT32);
        return Parameters.builder().add(WEIGHT, weight).add(BIAS, manager.zeros(new Shape(inputDim))).build();
    }

    @Override
    public NDArray energy(Parameters params, NDArray x) {
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != inputDim) {
            throw new IllegalArgumentException(
                    "Ising energy expects a batch of shape (N, " + inputDim + "), got " + x.getShape());
        }
        NDArray spins = x.mul(2).sub(1);
        NDArray pairs = spins.matMul(symmetricCouplings(params)).mul(spins).sum(new int[] {1});
        NDArray field = spins.matMul(params.get(BIAS).expandDims(1)).squeeze(1);
        return pairs.add(field).neg();
    }

    /** J = ((W + Wᵀ)/2) ⊙ (1 − I), recorded for autograd. */
    private NDArray symmetricCouplings(Parameters params) {
        NDArray w = params.get(WEIGHT);
        NDArray offDiagonal = w.getManager().eye(inputDim, inputDim, 0, w.getDataType()).neg().add(1);
        return w.add(w.transpose()).mul(0.5).mul(offDiagonal);
    }

    @Override
    public NDArray couplings(Parameters params) {
        return symmetricCouplings(params).stopGradient();
    }

    /** The bias b of E(x) = −(sᵀ J s + bᵀ s), detached. */
    public NDArray bias(Parameters params) {
        return params.get(BIAS).stopGradient();
    }

    @Override
    public String describe() {
        return "Ising, D=" + inputDim + ", full symmetric J (zero diagonal) and bias, E = −(sᵀJs + bᵀs), s = 2x − 1";
    }

    /** DJL-style builder: {@code IsingEnergy.builder().setInputDim(25).build()}. */
    public static final class Builder {
        /** Grathwohl et al.'s initial coupling scale, N(0, 0.01²). */
        public static final double DEFAULT_INIT_STD = 0.01;

        private int inputDim = -1;
        private double initStd = DEFAULT_INIT_STD;

        private Builder() {}

        /** The number D of binary sites. */
        public Builder setInputDim(int inputDim) {
            this.inputDim = inputDim;
            return this;
        }

        /** Standard deviation of the initial weights W (0: start at J = 0). */
        public Builder optInitStd(double initStd) {
            this.initStd = initStd;
            return this;
        }

        public IsingEnergy build() {
            Require.atLeast("ising", "inputDim", inputDim, 1);
            Require.nonNegative("ising", "initStd", initStd);
            return new IsingEnergy(this);
        }
    }
}
