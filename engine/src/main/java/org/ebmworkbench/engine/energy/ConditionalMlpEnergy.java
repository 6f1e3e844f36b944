package org.ebmworkbench.engine.energy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import org.ebmworkbench.engine.check.Require;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * The conditional energy E(x, y) of the SNL regression toys (docs/methods.md §12.2): an x-branch
 * Linear(featureDim→h)–ReLU–Linear(h→h)–ReLU and a y-branch Linear(targetDim→h)–ReLU–Linear(h→h)–ReLU, concatenated
 * and joined by Linear(2h→h)–ReLU–Linear(h→h)–ReLU–Linear(h→1) without output bias (the normaliser is learned
 * beside the energy, as for {@link MlpEnergy}). Rows are {@code [x, y]}: the feature columns, then the targets, so
 * {@link #inputDim()} is featureDim + targetDim. h defaults to 50, the official max(50, feature width) for 1-D x.
 * PyTorch's default {@code nn.Linear} initialisation.
 */
public final class ConditionalMlpEnergy implements EnergyModel {
    private static final String[] LAYERS = {"x.0", "x.1", "y.0", "y.1", "joint.0", "joint.1", "joint.2"};

    private final int featureDim;
    private final int targetDim;
    private final int hidden;

    private ConditionalMlpEnergy(Builder b) {
        this.featureDim = b.featureDim;
        this.targetDim = b.targetDim;
        this.hidden = b.hidden;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int inputDim() {
        return featureDim + targetDim;
    }

    public int featureDim() {
        return featureDim;
    }

    public int targetDim() {
        return targetDim;
    }

    public int hidden() {
        return hidden;
    }

    @Override
    public Parameters initialize(NDManager manager) {
        int[][] shapes = {
            {hidden, featureDim}, {hidden, hidden}, {hidden, targetDim}, {hidden, hidden},
            {hidden, 2 * hidden}, {hidden, hidden}, {1, hidden}};
        Parameters.Builder p = Parameters.builder();
        for (int i = 0; i < LAYERS.length; i++) {
            int out = shapes[i][0];
            int in = shapes[i][1];
            float bound = (float) (1.0 / Math.sqrt(in));
            p.add(LAYERS[i] + ".weight", manager.randomUniform(-bound, bound, new Shape(out, in)));
            if (i < LAYERS.length - 1) {
                p.add(LAYERS[i] + ".bias", manager.randomUniform(-bound, bound, new Shape(out)));
            }
        }
        return p.build();
    }

    @Override
    public NDArray energy(Parameters params, NDArray rows) {
        if (rows.getShape().dimension() != 2 || rows.getShape().get(1) != inputDim()) {
            throw new IllegalArgumentException("conditional MLP energy expects rows [x, y] of shape (N, " + inputDim()
                    + "), got " + rows.getShape());
        }
        NDArray x = rows.get(new NDIndex(":, :" + featureDim));
        NDArray y = rows.get(new NDIndex(":, " + featureDim + ":"));
        NDArray hx = layer(params, 1, layer(params, 0, x));
        NDArray hy = layer(params, 3, layer(params, 2, y));
        NDArray h = layer(params, 5, layer(params, 4, NDArrays.concat(new NDList(hx, hy), 1)));
        return Linear.linear(h, params.get(LAYERS[6] + ".weight")).singletonOrThrow().squeeze(1);
    }

    private static NDArray layer(Parameters params, int i, NDArray in) {
        NDArray out = Linear.linear(in, params.get(LAYERS[i] + ".weight"), params.get(LAYERS[i] + ".bias")).singletonOrThrow();
        return Activation.relu(out);
    }

    @Override
    public String describe() {
        return "conditional MLP: x " + featureDim + "→" + hidden + "→" + hidden + ", y " + targetDim + "→" + hidden + "→"
                + hidden + ", joint " + 2 * hidden + "→" + hidden + "→" + hidden + "→1 (relu, no output bias)";
    }

    /** DJL-style builder: {@code ConditionalMlpEnergy.builder().setFeatureDim(1).build()}. */
    public static final class Builder {
        /** One target column. */
        public static final int DEFAULT_TARGET_DIM = 1;
        /** The official toy width max(50, feature width) for 1-D inputs. */
        public static final int DEFAULT_HIDDEN = 50;

        private int featureDim = -1;
        private int targetDim = DEFAULT_TARGET_DIM;
        private int hidden = DEFAULT_HIDDEN;

        /** Number of input (feature) columns x, the first columns of a row. */
        public Builder setFeatureDim(int featureDim) {
            this.featureDim = featureDim;
            return this;
        }

        /** Number of target columns y, the last columns of a row. */
        public Builder optTargetDim(int targetDim) {
            this.targetDim = targetDim;
            return this;
        }

        /** Width h of every hidden layer. */
        public Builder optHidden(int hidden) {
            this.hidden = hidden;
            return this;
        }

        public ConditionalMlpEnergy build() {
            Require.atLeast("conditionalMlp", "featureDim", featureDim, 1);
            Require.atLeast("conditionalMlp", "targetDim", targetDim, 1);
            Require.atLeast("conditionalMlp", "hidden", hidden, 1);
            return new ConditionalMlpEnergy(this);
        }
    }
}
