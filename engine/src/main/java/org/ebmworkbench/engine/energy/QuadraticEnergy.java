package org.ebmworkbench.engine.energy;

import org.ebmworkbench.engine.check.Require;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * The Gaussian exponential family as an energy: E(x) = ½ (x − μ)ᵀ L Lᵀ (x − μ).
 *
 * <p>The precision is parametrised as Λ = L Lᵀ so it stays positive semi-definite under any update. With
 * {@code trainablePrecision = false}, L is the identity and only the mean is learned: the energy (x − θ)²/2 of
 * SNL's Figure 1, whose normaliser is ½·log 2π per dimension. Parameters: {@code quadratic.mean} (D) and, when
 * trainable, {@code quadratic.factor} (D x D). Initialised at μ = 0, L = I.
 */
public final class QuadraticEnergy implements EnergyModel {
    public static final String MEAN = "quadratic.mean";
    public static final String FACTOR = "quadratic.factor";

    private final int inputDim;
    private final boolean trainablePrecision;

    /** Learn the precision P as well as the mean (false: P = I, the SNL Figure 1 model). */
    public static final boolean DEFAULT_TRAINABLE_PRECISION = true;

    public QuadraticEnergy(int inputDim, boolean trainablePrecision) {
        Require.atLeast("quadratic", "inputDim", inputDim, 1);
        this.inputDim = inputDim;
        this.trainablePrecision = trainablePrecision;
    }

    @Override
    public int inputDim() {
        return inputDim;
    }

    public boolean trainablePrecision() {
        return trainablePrecision;
    }

    @Override
    public Parameters initialize(NDManager manager) {
        Parameters.Builder p = Parameters.builder().add(MEAN, manager.zeros(new Shape(inputDim)));
        if (trainablePrecision) {
            p.add(FACTOR, manager.eye(inputDim));
        }
        return p.build();
    }

    @Override
    public NDArray energy(Parameters params, NDArray x) {
        NDArray centred = x.sub(params.get(MEAN));
        NDArray projected = trainablePrecision ? centred.matMul(params.get(FACTOR)) : centred;
        return projected.square().sum(new int[] {1}).mul(0.5);
    }

    /** The precision matrix L Lᵀ (the identity when the precision is fixed). */
    public NDArray precision(Parameters params) {
        if (!trainablePrecision) {
            return params.get(MEAN).getManager().eye(inputDim);
        }
        NDArray l = params.get(FACTOR);
        return l.matMul(l.transpose());
    }

    @Override
    public String describe() {
        return "quadratic (Gaussian) energy, D=" + inputDim + (trainablePrecision ? ", learned precision" : ", unit precision");
    }
}
