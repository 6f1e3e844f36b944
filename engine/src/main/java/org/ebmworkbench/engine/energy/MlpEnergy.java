package org.ebmworkbench.engine.energy;

import org.ebmworkbench.engine.check.Require;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * A multi-layer perceptron energy D -> h1 -> ... -> hk -> 1 with no bias on the output layer.
 *
 * <p>The output bias is left out because a constant shift of the energy is unidentifiable and SNL/NCE learn the
 * normaliser as an explicit scalar instead (docs/methods.md §6.1, SNL's {@code energy_fc_nobias_deep}). Weights use
 * PyTorch's default {@code nn.Linear} initialisation, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and biases,
 * so runs start where the official code starts.
 */
public final class MlpEnergy implements EnergyModel {
    private final int inputDim;
    private final int[] hidden;
    private final Activation activation;
    private final float leakySlope;

    private MlpEnergy(Builder b) {
        this.inputDim = b.inputDim;
        this.hidden = b.hidden.clone();
        this.activation = b.activation;
        this.leakySlope = b.leakySlope;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int inputDim() {
        return inputDim;
    }

    public int[] hidden() {
        return hidden.clone();
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public Parameters initialize(NDManager manager) {
        Parameters.Builder p = Parameters.builder();
        int in = inputDim;
        for (int i = 0; i <= hidden.length; i++) {
            int out = i < hidden.length ? hidden[i] : 1;
            float bound = (float) (1.0 / Math.sqrt(in));
            p.add(weightName(i), manager.randomUniform(-bound, bound, new Shape(out, in)));
            if (i < hidden.length) {
                p.add(biasName(i), manager.randomUniform(-bound, bound, new Shape(out)));
            }
            in = out;
        }
        return p.build();
    }

    @Override
    public NDArray energy(Parameters params, NDArray x) {
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != inputDim) {
            throw new IllegalArgumentException(
                    "MLP energy expects a batch of shape (N, " + inputDim + "), got " + x.getShape());
        }
        NDArray h = x;
        for (int i = 0; i < hidden.length; i++) {
            h = activation.apply(
                    Linear.linear(h, params.get(weightName(i)), params.get(biasName(i))).singletonOrThrow(),
                    leakySlope);
        }
        return Linear.linear(h, params.get(weightName(hidden.length))).singletonOrThrow().squeeze(1);
    }

    @Override
    public String describe() {
        List<String> widths = new ArrayList<>();
        widths.add(Integer.toString(inputDim));
        Arrays.stream(hidden).forEach(w -> widths.add(Integer.toString(w)));
        widths.add("1");
        return "MLP " + String.join("-", widths) + " (" + activation.name().toLowerCase() + ", no output bias)";
    }

    private static String weightName(int layer) {
        return "mlp." + layer + ".weight";
    }

    private static String biasName(int layer) {
        return "mlp." + layer + ".bias";
    }

    /** DJL-style builder: {@code MlpEnergy.builder().setInputDim(2).setHidden(128, 128).build()}. */
    public static final class Builder {
        /** Softplus: smooth, so energies have gradients everywhere (the ED 2-D setting). */
        public static final Activation DEFAULT_ACTIVATION = Activation.SOFTPLUS;
        /** The negative-side slope of leaky ReLU (PyTorch's default). */
        public static final double DEFAULT_LEAKY_SLOPE = 0.01;

        private int inputDim = -1;
        private int[] hidden = new int[0];
        private Activation activation = DEFAULT_ACTIVATION;
        private float leakySlope = (float) DEFAULT_LEAKY_SLOPE;

        public Builder setInputDim(int inputDim) {
            this.inputDim = inputDim;
            return this;
        }

        public Builder setHidden(int... widths) {
            this.hidden = widths.clone();
            return this;
        }

        public Builder optActivation(Activation activation) {
            this.activation = activation;
            return this;
        }

        public Builder optLeakySlope(double slope) {
            Require.nonNegative("mlp", "leakySlope", slope);
            this.leakySlope = (float) slope;
            return this;
        }

        public MlpEnergy build() {
            Require.atLeast("mlp", "inputDim", inputDim, 1);
            Require.that(hidden.length > 0, "mlp", "hidden", "list at least one width, e.g. mlp(128, 128)", "empty");
            for (int i = 0; i < hidden.length; i++) {
                Require.atLeast("mlp", "hidden[" + i + "]", hidden[i], 1);
            }
            return new MlpEnergy(this);
        }
    }
}
