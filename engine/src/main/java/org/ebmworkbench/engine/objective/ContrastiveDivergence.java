package org.ebmworkbench.engine.objective;

import org.ebmworkbench.engine.check.Require;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ebmworkbench.engine.sampler.Sampler;
import org.ebmworkbench.engine.sampler.SamplerResult;
import org.ebmworkbench.engine.tensor.Parameters;
import org.jspecify.annotations.Nullable;

/**
 * Maximum likelihood with MCMC negatives (Hinton 2002; Song and Kingma 2021, arXiv 2101.03288; docs/methods.md
 * §3.5): contrastive divergence and its relatives.
 *
 * <p>Loss L = mean E(x⁺) − mean E(sg[x⁻]) + α·(mean E(x⁺)² + mean E(x⁻)²), whose parameter gradient is the
 * likelihood gradient with model samples x⁻ (detached: sg) replaced by {@code steps} = k sampler steps from chains
 * started per {@link ChainInit}. α is {@code energyL2}: 0 by default; the ED 2-D baseline uses 0.3 (with 10 Langevin
 * steps of h = 0.01 from the data, docs/methods.md §8.2) and IGEBM 1. With equal batch sizes the penalty equals the
 * baseline's 0.3·mean(E(x⁺)² + E(x⁻)²).
 *
 * <p>The negatives are drawn in {@link #beforeStep(ObjectiveContext, NDArray)}, outside the training collector (a
 * sampler opens its own), and used by the following {@link #loss}. Diagnostics: {@code energy_gap} = mean E(x⁺) −
 * mean E(x⁻) (negative while the model still puts too much mass on the negatives), and the sampler's {@code
 * acceptance_rate} and {@code grad_norm} (mean ‖∇ₓE‖ along the chains), each where the sampler reports it (a
 * gradient-free sampler such as Gibbs has no {@code grad_norm}).
 *
 * <p>An instance holds the chain state of one training run (persistent chains, replay buffer), reset by
 * {@link #initialize}; do not share one instance between concurrent runs.
 */
public final class ContrastiveDivergence implements Objective {

    /** Where the chains of each step start. */
    public enum ChainInit {
        /** CD-k (Hinton 2002): at the data batch. */
        DATA,
        /** PCD (Tieleman 2008): where the previous step's chains ended; first from the data or from noise. */
        PERSISTENT,
        /** Short-run MCMC (Nijkamp et al. 2019): from noise (the noise box, or the proposal: {@link Noise}). */
        NOISE,
        /**
         * Replay buffer (Du & Mordatch 2019): rows drawn with replacement from a buffer (initially noise), each
         * re-initialised from noise with probability {@code reinitFraction}; the ends go back in.
         */
        REPLAY_BUFFER
    }

    /** What noise-started chains (and the replay buffer) start from. */
    public enum Noise {
        /** Uniform on the noise box [low, high]^D: continuous data. */
        BOX,
        /**
         * Draws of the run's proposal ({@link ObjectiveContext#proposal()}), in the batch's data type: discrete data,
         * where continuous noise is not a state (a proposal on {0, 1}^D gives binary starts, which Gibbs requires).
         */
        PROPOSAL
    }

    /**
     * The sampler's diagnostics passed on, those it reports; not its {@code energy_gap} (final minus initial chain
     * energy), which this objective's own {@code energy_gap} would shadow.
     */
    private static final List<String> SAMPLER_DIAGNOSTICS =
            List.of(SamplerResult.ACCEPTANCE_RATE, SamplerResult.GRAD_NORM);

    private final Sampler sampler;
    private final int steps;
    private final ChainInit chainInit;
    private final boolean persistentFromData;
    private final int bufferSize;
    private final double reinitFraction;
    private final Noise noise;
    private final double noiseLow;
    private final double noiseHigh;
    private final double energyL2;

    // State of the current run: persistent chains or the replay buffer (owned here), and this step's negatives.
    private @Nullable NDArray chains;
    private @Nullable SamplerResult negatives;
    private long negativesStep = -1;

    private ContrastiveDivergence(Builder b) {
        this.sampler = b.sampler;
        this.steps = b.steps;
        this.chainInit = b.chainInit;
        this.persistentFromData = b.persistentFromData;
        this.bufferSize = b.bufferSize;
        this.reinitFraction = b.reinitFraction;
        this.noise = b.noise;
        this.noiseLow = b.noiseLow;
        this.noiseHigh = b.noiseHigh;
        this.energyL2 = b.energyL2;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return switch (chainInit) {
            case DATA -> "cd";
            case PERSISTENT -> "pcd";
            case NOISE -> "short-run";
            case REPLAY_BUFFER -> "replay-buffer";
        };
    }

    /** Starts a new run: forgets the chains of any previous one (their tensors belong to that run's manager). */
    @Override
    public Parameters initialize(ObjectiveContext context) {
        chains = null;
        negatives = null;
        negativesStep = -1;
        return Parameters.empty();
    }

    @Override
    public void beforeStep(ObjectiveContext context, NDArray batch) {
        NDManager m = context.manager();
        Shape shape = batch.getShape();
        DataType type = batch.getDataType();
        NDArray bufferRows = null;
        NDArray start;
        switch (chainInit) {
            case DATA -> start = batch;
            case NOISE -> start = noise(context, shape, type);
            case PERSISTENT -> {
                if (chains == null) {
                    chains = keep(persistentFromData ? batch.duplicate() : noise(context, shape, type), m);
                }
                start = chains;
            }
            case REPLAY_BUFFER -> {
                if (chains == null) {
                    chains = keep(noise(context, new Shape(bufferSize, shape.get(1)), type), m);
                }
                bufferRows = m.randomInteger(0, bufferSize, new Shape(shape.get(0)), DataType.INT64);
                // DJL's where does not broadcast the condition, so the per-row draw is expanded to the rows' shape.
                NDArray reinit = m.randomUniform(0f, 1f, new Shape(shape.get(0), 1)).lt(reinitFraction)
                        .broadcast(shape);
                start = NDArrays.where(reinit, noise(context, shape, type), chains.get(bufferRows));
            }
            default -> throw new IllegalStateException("unknown chain initialisation " + chainInit);
        }
        SamplerResult result = sampler.run(context.energy(), context.parameters(), start, steps, m);
        if (chainInit == ChainInit.PERSISTENT) {
            chains.close();
            chains = keep(result.samples(), m);
        } else if (chainInit == ChainInit.REPLAY_BUFFER) {
            chains.set(new NDIndex("{}", bufferRows), result.samples());
        }
        negatives = result;
        negativesStep = context.step();
    }

    @Override
    public Loss loss(ObjectiveContext context, NDArray batch) {
        if (negatives == null || negativesStep != context.step()) {
            throw new IllegalStateException(name() + ": no negatives for step " + context.step()
                    + "; beforeStep(context, batch) must run before loss (the Trainer does this)");
        }
        BatchAndExtra energies = BatchAndExtra.energies(context, batch, negatives.samples().stopGradient());
        NDArray positiveEnergy = energies.data();
        NDArray negativeEnergy = energies.extra();
        NDArray gap = positiveEnergy.mean().sub(negativeEnergy.mean());
        NDArray loss = energyL2 == 0 ? gap
                : gap.add(positiveEnergy.square().mean().add(negativeEnergy.square().mean()).mul(energyL2));
        Map<String, NDArray> diagnostics = new HashMap<>();
        diagnostics.put("energy_gap", gap.stopGradient());
        for (String name : SAMPLER_DIAGNOSTICS) {
            NDArray d = negatives.diagnostics().get(name);
            if (d != null) {
                diagnostics.put(name, d);
            }
        }
        return new Loss(loss, diagnostics);
    }

    /** Moves a tensor out of the step's scope into the run's manager: it outlives the step, and this class frees it. */
    private static NDArray keep(NDArray array, NDManager manager) {
        NDScope.unregister(array);
        array.attach(manager);
        return array;
    }

    /**
     * Noise rows of {@code shape} in the batch's data type, so that chains started from it and from the data mix in
     * one tensor: uniform on the noise box, or proposal draws.
     */
    private NDArray noise(ObjectiveContext context, Shape shape, DataType type) {
        NDManager m = context.manager();
        if (noise == Noise.PROPOSAL) {
            NDArray draws = context.requireProposal(name() + " (noise-started chains)").sample(m, (int) shape.get(0));
            return draws.toType(type, false);
        }
        return m.randomUniform((float) noiseLow, (float) noiseHigh, shape, type);
    }

    @Override
    public List<String> diagnosticNames() {
        List<String> names = new ArrayList<>(List.of("energy_gap"));
        SAMPLER_DIAGNOSTICS.stream().filter(sampler.diagnosticNames()::contains).forEach(names::add);
        return List.copyOf(names);
    }

    @Override
    public String describe() {
        String start = switch (chainInit) {
            case DATA -> "from the data";
            case PERSISTENT -> "persistent chains, first from " + (persistentFromData ? "the data" : noiseBox());
            case NOISE -> "from " + noiseBox();
            case REPLAY_BUFFER -> String.format(Locale.ROOT, "replay buffer of %d, %.3g re-initialised from %s",
                    bufferSize, reinitFraction, noiseBox());
        };
        return "MLE with MCMC (" + name() + "): " + steps + " steps " + start + "; " + sampler.describe()
                + (energyL2 == 0 ? "" : "; energy L2 " + energyL2);
    }

    private String noiseBox() {
        return noise == Noise.PROPOSAL ? "the proposal" : "U[" + noiseLow + ", " + noiseHigh + "]";
    }

    /**
     * The negatives drawn by the last {@link #beforeStep(ObjectiveContext, NDArray)} (for plots and tests), or null
     * before the first; they live until the end of that step unless the chains persist.
     */
    public @Nullable NDArray lastNegatives() {
        return negatives == null ? null : negatives.samples();
    }

    public Sampler sampler() {
        return sampler;
    }

    public int steps() {
        return steps;
    }

    public ChainInit chainInit() {
        return chainInit;
    }

    public double energyL2() {
        return energyL2;
    }

    public Noise noise() {
        return noise;
    }

    /**
     * {@code setSampler} is required. Defaults: k = 10 steps and data initialisation (the ED baseline), no energy
     * penalty; persistent chains start at the first batch; buffer 10 000 with re-initialisation fraction 0.05 and
     * noise U[−1, 1] (JEM and IGEBM); noise from the box, not the proposal.
     */
    public static final class Builder {
        private @Nullable Sampler sampler;
        /** k = 10 sampler steps (the ED baseline). */
        public static final int DEFAULT_STEPS = 10;
        /** CD-k: chains from the data. */
        public static final ChainInit DEFAULT_CHAIN_INIT = ChainInit.DATA;
        /** The replay buffer's size (JEM, IGEBM). */
        public static final int DEFAULT_BUFFER_SIZE = 10_000;
        /** The replay buffer's re-initialisation probability (JEM, IGEBM). */
        public static final double DEFAULT_REINIT_FRACTION = 0.05;
        /** No energy magnitude penalty. */
        public static final double DEFAULT_ENERGY_L2 = 0;

        private int steps = DEFAULT_STEPS;
        private ChainInit chainInit = DEFAULT_CHAIN_INIT;
        private boolean persistentFromData = true;
        private int bufferSize = DEFAULT_BUFFER_SIZE;
        private double reinitFraction = DEFAULT_REINIT_FRACTION;
        /** Noise from the box: continuous data. */
        public static final Noise DEFAULT_NOISE = Noise.BOX;

        private Noise noise = DEFAULT_NOISE;
        private double noiseLow = -1;
        private double noiseHigh = 1;
        private double energyL2 = DEFAULT_ENERGY_L2;

        public Builder setSampler(Sampler sampler) {
            this.sampler = sampler;
            return this;
        }

        /** k, the sampler steps per training step. */
        public Builder optSteps(int k) {
            this.steps = k;
            return this;
        }

        public Builder optChainInit(ChainInit init) {
            this.chainInit = init;
            return this;
        }

        /** For {@link ChainInit#PERSISTENT}: start the chains at the first batch (true) or at uniform noise. */
        public Builder optPersistentFromData(boolean fromData) {
            this.persistentFromData = fromData;
            return this;
        }

        /** For {@link ChainInit#REPLAY_BUFFER}: the number S of stored samples. */
        public Builder optBufferSize(int size) {
            this.bufferSize = size;
            return this;
        }

        /** For {@link ChainInit#REPLAY_BUFFER}: the probability that a chain restarts from noise. */
        public Builder optReinitFraction(double fraction) {
            this.reinitFraction = fraction;
            return this;
        }

        /** The box [low, high]^D of the uniform noise that noise-started chains and the buffer use. */
        public Builder optNoiseBox(double low, double high) {
            this.noiseLow = low;
            this.noiseHigh = high;
            return this;
        }

        /**
         * Where noise-started chains and the replay buffer's rows come from: the noise box, or the run's proposal
         * (binary data: a proposal on {0, 1}^D, so that the chains start at states the sampler accepts).
         */
        public Builder optNoise(Noise noise) {
            this.noise = noise;
            return this;
        }

        /** α, the weight of the energy magnitude penalty mean E(x⁺)² + mean E(x⁻)². */
        public Builder optEnergyL2(double alpha) {
            this.energyL2 = alpha;
            return this;
        }

        public ContrastiveDivergence build() {
            require(sampler != null, "a sampler is required (setSampler)");
            Require.atLeast("cd", "steps", steps, 1);
            require(chainInit != null, "chainInit must not be null");
            require(noise != null, "noise must not be null");
            Require.atLeast("cd", "bufferSize", bufferSize, 1);
            Require.inClosed("cd", "reinitFraction", reinitFraction, 0, 1);
            require(Double.isFinite(noiseLow) && Double.isFinite(noiseHigh) && noiseLow < noiseHigh,
                    "noise box needs finite low < high, was [" + noiseLow + ", " + noiseHigh + "]");
            Require.nonNegative("cd", "energyL2", energyL2);
            return new ContrastiveDivergence(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException("contrastive divergence: " + message);
            }
        }
    }
}
