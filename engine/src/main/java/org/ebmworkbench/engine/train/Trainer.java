package org.ebmworkbench.engine.train;

import org.ebmworkbench.engine.check.Require;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebmworkbench.engine.data.Dataset;
import org.ebmworkbench.engine.data.ToyDataset;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.objective.ConditionalObjective;
import org.ebmworkbench.engine.objective.Loss;
import org.ebmworkbench.engine.objective.Objective;
import org.ebmworkbench.engine.objective.ObjectiveContext;
import org.ebmworkbench.engine.proposal.Proposal;
import org.ebmworkbench.engine.tensor.Autograd;
import org.ebmworkbench.engine.tensor.Parameters;
import org.ebmworkbench.engine.tensor.Tensors;
import org.jspecify.annotations.Nullable;

/**
 * Trains an energy with an objective.
 *
 * <p>Each step runs in its own {@link NDScope}, so every temporary tensor is freed at the end of the step. The loss
 * of each step is written into a small device buffer, and the buffer is read to the host only every
 * {@code logEvery} steps: there is no per-step host synchronisation, yet the first non-finite loss is still found
 * exactly and reported as {@link TrainingResult.Outcome#DIVERGED}. Optimiser updates run outside the scope because
 * DJL creates the Adam moments lazily on the first update and they must outlive the step.
 */
public final class Trainer {
    /** The name of the mean training loss in {@link TrainingListener#onLog}. */
    public static final String LOSS = "loss";

    private final EnergyModel energy;
    private final Objective objective;
    private final @Nullable Proposal proposal;
    private final @Nullable Dataset data;
    private final @Nullable ToyDataset freshSamples;
    private final @Nullable Long steps;
    private final @Nullable Integer epochs;
    private final int batchSize;
    private final OptimizerConfig optimizer;
    private final @Nullable Double ema;
    private final long seed;
    private final int logEvery;
    private final int evaluateEvery;
    private final @Nullable Evaluator evaluator;
    private final List<TrainingListener> listeners;

    private Trainer(Builder b) {
        this.energy = b.energy;
        this.objective = b.objective;
        this.proposal = b.proposal;
        this.data = b.data;
        this.freshSamples = b.freshSamples;
        this.steps = b.steps;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.optimizer = b.optimizer;
        this.ema = b.ema;
        this.seed = b.seed;
        this.logEvery = b.logEvery;
        this.evaluateEvery = b.evaluateEvery;
        this.evaluator = b.evaluator;
        this.listeners = List.copyOf(b.listeners);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Total optimiser steps this trainer will take. */
    public long totalSteps() {
        if (steps != null) {
            return steps;
        }
        long perEpoch = freshSamples != null ? 1 : (data.size() + Math.min(batchSize, data.size()) - 1) / Math.min(batchSize, data.size());
        return perEpoch * epochs;
    }

    /**
     * The names of the values {@link TrainingListener#onLog} reports, known before training: {@code loss}, then the
     * objective's diagnostics in sorted order.
     */
    public List<String> logColumns() {
        List<String> columns = new ArrayList<>(List.of(LOSS));
        objective.diagnosticNames().stream().sorted().forEach(columns::add);
        return List.copyOf(columns);
    }

    /** Trains from freshly initialised parameters, all created in {@code manager} (which picks the device). */
    public TrainingResult train(NDManager manager) {
        Engine.getInstance().setRandomSeed((int) seed);
        Parameters energyParams = energy.initialize(manager);
        Parameters objectiveParams = objective.initialize(new ObjectiveContext(energy, energyParams, proposal, manager, 0));
        Parameters params = energyParams.plus(objectiveParams).requireGradients();
        return run(manager, params);
    }

    private TrainingResult run(NDManager manager, Parameters params) {
        long total = totalSteps();
        List<String> names = params.names();
        List<NDArray> arrays = params.arrays();
        Parameters emaParams = ema != null ? params.copy(manager) : null;
        List<NDArray> emaArrays = emaParams != null ? emaParams.arrays() : List.of();
        Optimizer opt = optimizer.build();
        NDArray lossBuffer = manager.zeros(new Shape(logEvery));
        Map<String, Double> lastMetrics = new LinkedHashMap<>();
        long start = System.nanoTime();
        long step = 0;
        Long divergedAt = null;
        TrainingResult.Outcome outcome = TrainingResult.Outcome.COMPLETED;
        try (BatchSource batches = freshSamples != null
                ? new BatchSource.Fresh(freshSamples, batchSize, seed)
                : new BatchSource.Epochs(manager, data, batchSize)) {
            while (step < total) {
                if (Thread.currentThread().isInterrupted()) {
                    outcome = TrainingResult.Outcome.INTERRUPTED;
                    break;
                }
                boolean logStep = (step + 1) % logEvery == 0 || step + 1 == total;
                ObjectiveContext context = new ObjectiveContext(energy, params, proposal, manager, step);
                NDList grads = new NDList(arrays.size());
                Map<String, Double> diagnostics = new HashMap<>();
                try (NDScope ignored = new NDScope()) {
                    NDArray batch = batches.next(manager);
                    // Outside the collector (samplers open their own), inside the scope (their temporaries die here).
                    objective.beforeStep(context, batch);
                    Loss loss;
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        loss = objective.loss(context, batch);
                        collector.backward(loss.value());
                    }
                    lossBuffer.set(new NDIndex((int) (step % logEvery)), loss.value().stopGradient().reshape(new Shape()));
                    for (NDArray a : arrays) {
                        grads.add(a.getGradient());
                    }
                    NDScope.unregister(grads);
                    if (logStep) {
                        for (Map.Entry<String, NDArray> d : loss.diagnostics().entrySet()) {
                            diagnostics.put(d.getKey(), Tensors.scalar(d.getValue()));
                        }
                    }
                }
                for (int i = 0; i < arrays.size(); i++) {
                    opt.update(names.get(i), arrays.get(i), grads.get(i));
                    Autograd.zeroGradient(arrays.get(i));
                }
                grads.close();
                if (emaParams != null) {
                    updateEma(emaArrays, arrays, ema);
                }
                step++;
                if (logStep) {
                    int count = (int) ((step - 1) % logEvery) + 1;
                    float[] losses = lossBuffer.toFloatArray();
                    double sum = 0;
                    for (int i = 0; i < count; i++) {
                        if (!Float.isFinite(losses[i])) {
                            divergedAt = step - count + i + 1;
                            break;
                        }
                        sum += losses[i];
                    }
                    double wall = seconds(start);
                    if (divergedAt != null) {
                        outcome = TrainingResult.Outcome.DIVERGED;
                        break;
                    }
                    Map<String, Double> values = new LinkedHashMap<>();
                    values.put(LOSS, sum / count);
                    values.putAll(new java.util.TreeMap<>(diagnostics));
                    for (TrainingListener l : listeners) {
                        l.onLog(step, total, wall, values);
                    }
                }
                if (evaluator != null && evaluateEvery > 0 && step % evaluateEvery == 0 && step < total) {
                    lastMetrics = evaluate(step, emaParams != null ? emaParams : params, false, start);
                }
            }
        }
        lossBuffer.close();
        if (outcome == TrainingResult.Outcome.COMPLETED && evaluator != null) {
            lastMetrics = evaluate(step, emaParams != null ? emaParams : params, true, start);
        }
        return new TrainingResult(outcome, step, divergedAt, seconds(start), params, emaParams, lastMetrics);
    }

    private Map<String, Double> evaluate(long step, Parameters p, boolean isFinal, long start) {
        Map<String, Double> metrics;
        try (NDScope ignored = new NDScope()) {
            metrics = new LinkedHashMap<>(evaluator.evaluate(step, p, isFinal));
        }
        double wall = seconds(start);
        for (TrainingListener l : listeners) {
            l.onEvaluation(step, wall, metrics);
        }
        return metrics;
    }

    private static void updateEma(List<NDArray> ema, List<NDArray> current, double decay) {
        try (NDScope ignored = new NDScope()) {
            for (int i = 0; i < ema.size(); i++) {
                ema.get(i).muli(decay).addi(current.get(i).mul(1 - decay));
            }
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** DJL-style builder; {@code set*} are required, {@code opt*} have defaults. */
    public static final class Builder {
        private static final String NAME = "trainer";

        private EnergyModel energy;
        private Objective objective;
        private @Nullable Proposal proposal;
        private @Nullable Dataset data;
        private @Nullable ToyDataset freshSamples;
        private @Nullable Long steps;
        private @Nullable Integer epochs;
        /** Data points per step. */
        public static final int DEFAULT_BATCH_SIZE = 128;
        /** Steps between training log lines. */
        public static final int DEFAULT_LOG_EVERY = 100;

        private int batchSize = DEFAULT_BATCH_SIZE;
        private OptimizerConfig optimizer = OptimizerConfig.adam(OptimizerConfig.DEFAULT_LEARNING_RATE);
        private @Nullable Double ema;
        private long seed;
        private int logEvery = DEFAULT_LOG_EVERY;
        private int evaluateEvery = 0;
        private @Nullable Evaluator evaluator;
        private final List<TrainingListener> listeners = new ArrayList<>();

        public Builder setEnergy(EnergyModel energy) {
            this.energy = energy;
            return this;
        }

        public Builder setObjective(Objective objective) {
            this.objective = objective;
            return this;
        }

        /** The training sample, iterated in shuffled epochs. */
        public Builder setData(Dataset data) {
            this.data = data;
            return this;
        }

        /** Draw a fresh batch from this generator every step instead of iterating a fixed sample. */
        public Builder optFreshSamples(ToyDataset generator) {
            this.freshSamples = generator;
            return this;
        }

        public Builder optProposal(Proposal proposal) {
            this.proposal = proposal;
            return this;
        }

        public Builder setSteps(long steps) {
            this.steps = steps;
            return this;
        }

        public Builder setEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder optOptimizer(OptimizerConfig optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** Keep an exponential moving average of the parameters with this decay; evaluation then uses it. */
        public Builder optEma(double decay) {
            this.ema = decay;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optLogEvery(int steps) {
            this.logEvery = steps;
            return this;
        }

        public Builder optEvaluator(int everySteps, Evaluator evaluator) {
            this.evaluateEvery = everySteps;
            this.evaluator = evaluator;
            return this;
        }

        public Builder addListener(TrainingListener listener) {
            this.listeners.add(listener);
            return this;
        }

        public Trainer build() {
            require(energy != null, "an energy is required (setEnergy)");
            require(objective != null, "an objective is required (setObjective)");
            require(data != null || freshSamples != null, "training data is required (setData or optFreshSamples)");
            require((steps == null) != (epochs == null), "set exactly one of steps and epochs");
            if (steps != null) {
                Require.atLeast(NAME, "steps", steps, 1);
            }
            if (epochs != null) {
                Require.atLeast(NAME, "epochs", epochs, 1);
            }
            require(epochs == null || freshSamples == null, "epochs need a fixed sample; with fresh samples set steps");
            Require.atLeast(NAME, "batchSize", batchSize, 1);
            if (freshSamples == null) {
                Require.that(batchSize <= data.size(), NAME, "batchSize",
                        "be ≤ the " + data.size() + " rows of the training set", batchSize);
            }
            if (ema != null) {
                Require.inOpen(NAME, "ema", ema, 0, 1);
            }
            Require.atLeast(NAME, "logEvery", logEvery, 1);
            Require.atLeast(NAME, "evaluateEvery", evaluateEvery, 0);
            int dim = data != null ? data.dim() : freshSamples.dim();
            require(dim == energy.inputDim(), "the data has dimension " + dim + " but the energy expects " + energy.inputDim());
            // A conditional objective's proposal is a density on the target columns alone.
            int proposalDim = objective instanceof ConditionalObjective c ? c.targetDim() : dim;
            String against = objective instanceof ConditionalObjective ? " but the data has target dimension " : " but the data has ";
            require(proposal == null || proposal.dim() == proposalDim,
                    "the proposal has dimension " + (proposal == null ? 0 : proposal.dim()) + against + proposalDim);
            require(!(objective instanceof ConditionalObjective c) || c.targetDim() < dim,
                    "the objective has " + (objective instanceof ConditionalObjective c2 ? c2.targetDim() : 0)
                            + " target column(s) but the data has " + dim + " columns: it needs input columns too");
            return new Trainer(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(NAME + ": " + message);
            }
        }
    }
}
