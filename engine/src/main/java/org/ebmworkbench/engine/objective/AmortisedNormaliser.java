package org.ebmworkbench.engine.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.util.Arrays;
import org.ebmworkbench.engine.check.Require;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * The amortised log-normaliser b_φ(x) of regression SNL (docs/methods.md §12.3): an MLP featureDim → hidden… → 1 with
 * ReLU between layers and a bias on every layer, the output included (it is the normaliser). The default, one hidden
 * layer of 10, is the official "2-layer fc"; no hidden layer is the "1-layer" variant. PyTorch's default
 * {@code nn.Linear} initialisation. Its parameters are named {@code <prefix>.<layer>.weight|bias}.
 */
public final class AmortisedNormaliser {
    private final int featureDim;
    private final int[] hidden;
    private final String prefix;

    private AmortisedNormaliser(Builder b) {
        this.featureDim = b.featureDim;
        this.hidden = b.hidden.clone();
        this.prefix = b.prefix;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int featureDim() {
        return featureDim;
    }

    public int[] hidden() {
        return hidden.clone();
    }

    /** Fresh parameters in {@code manager}, from the engine's random generator. */
    public Parameters initialize(NDManager manager) {
        Parameters.Builder p = Parameters.builder();
        int in = featureDim;
        for (int i = 0; i <= hidden.length; i++) {
            int out = i < hidden.length ? hidden[i] : 1;
            float bound = (float) (1.0 / Math.sqrt(in));
            p.add(name(i, "weight"), manager.randomUniform(-bound, bound, new Shape(out, in)));
            p.add(name(i, "bias"), manager.randomUniform(-bound, bound, new Shape(out)));
            in = out;
        }
        return p.build();
    }

    /** b_φ(x) (shape N) for the inputs x (N × featureDim). */
    public NDArray apply(Parameters params, NDArray x) {
        NDArray h = x;
        for (int i = 0; i <= hidden.length; i++) {
            h = Linear.linear(h, params.get(name(i, "weight")), params.get(name(i, "bias"))).singletonOrThrow();
            if (i < hidden.length) {
                h = Activation.relu(h);
            }
        }
        return h.squeeze(1);
    }

    private String name(int layer, String kind) {
        return prefix + "." + layer + "." + kind;
    }

    public String describe() {
        StringBuilder s = new StringBuilder("b_φ: ").append(featureDim);
        Arrays.stream(hidden).forEach(w -> s.append("→").append(w));
        return s.append("→1 (relu)").toString();
    }

    /** DJL-style builder. */
    public static final class Builder {
        /** The official "2-layer fc": one hidden layer of 10. */
        public static final int[] DEFAULT_HIDDEN = {10};

        private int featureDim = -1;
        private int[] hidden = DEFAULT_HIDDEN.clone();
        private String prefix = "b_phi";

        /** Number of input (feature) columns x. */
        public Builder setFeatureDim(int featureDim) {
            this.featureDim = featureDim;
            return this;
        }

        /** Hidden widths; empty for a linear b_φ. */
        public Builder optHidden(int... widths) {
            this.hidden = widths.clone();
            return this;
        }

        /** Prefix of the parameter names (the objective's, so they cannot clash with the energy's). */
        public Builder optPrefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        public AmortisedNormaliser build() {
            Require.atLeast("normaliser", "featureDim", featureDim, 1);
            for (int i = 0; i < hidden.length; i++) {
                Require.atLeast("normaliser", "hidden[" + i + "]", hidden[i], 1);
            }
            return new AmortisedNormaliser(this);
        }
    }
}
