package org.ebmworkbench.engine.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.ebmworkbench.engine.check.Require;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.proposal.UniformBinaryProposal;
import org.ebmworkbench.engine.sampler.Sampler;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * Sampler efficiency on {0, 1}^D as the DISCS benchmark measures it (Goshvadi et al. 2023, google-research/discs):
 * {@link Builder#optChains chains} start uniform on {0, 1}^D and run {@code steps} sampler steps; each state is mapped
 * to its Hamming distance to one reference state drawn uniformly at the start; the first
 * {@link Builder#optBurnInFraction burnInFraction} of the steps (DISCS's {@code ess_ratio}, ½) is discarded, and the
 * ESS of the rest ({@link EffectiveSampleSize}, mean over chains) is divided by the wall-clock seconds and by the
 * energy evaluations per chain of the kept steps. Higher is better for both.
 *
 * <p>The ESS comes from the kept steps run one sampler step at a time, so that every state is recorded. The seconds and
 * energy evaluations come from one run of as many steps from the same post-burn-in state, timed between two host
 * reads, so a run's start-up (Gibbs's one-read check of its start states, the energy of the start states) is paid
 * once, as in a sampler's normal use, and device work is finished when the clock stops.
 */
public final class SamplerEfficiency {
    public static final String METRIC_PER_SECOND = "ess_per_second";
    public static final String METRIC_PER_EVALUATION = "ess_per_energy_evaluation";

    private final int chains;
    private final double burnInFraction;

    private SamplerEfficiency(Builder b) {
        this.chains = b.chains;
        this.burnInFraction = b.burnInFraction;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int chains() {
        return chains;
    }

    public double burnInFraction() {
        return burnInFraction;
    }

    /** Runs {@code sampler} for {@code steps} steps on {@code energy} at {@code params} and measures it. */
    public SamplerEfficiencyResult evaluate(Sampler sampler, EnergyModel energy, Parameters params, int steps,
            NDManager manager) {
        int burnIn = (int) Math.floor(steps * burnInFraction);
        int kept = steps - burnIn;
        Require.that(kept >= 2, "ess", "steps", "leave ≥ 2 steps after the burn-in fraction " + burnInFraction, steps);
        UniformBinaryProposal uniform = new UniformBinaryProposal(energy.inputDim());
        try (NDManager m = manager.newSubManager()) {
            NDArray reference = uniform.sample(m, 1);
            NDArray x = uniform.sample(m, chains);
            if (burnIn > 0) {
                x = step(sampler, energy, params, x, burnIn, m);
            }
            NDArray afterBurnIn = x.duplicate();
            NDList distances = new NDList();
            for (int k = 0; k < kept; k++) {
                x = step(sampler, energy, params, x, 1, m);
                distances.add(x.sub(reference).abs().sum(new int[] {1}).expandDims(0));
            }
            double ess = EffectiveSampleSize.mean(NDArrays.concat(distances)).getDouble();
            // Time and count one run of the kept steps from the same state: per-run start-up is paid once.
            CountingEnergy counting = new CountingEnergy(energy);
            afterBurnIn.toFloatArray();
            long start = System.nanoTime();
            step(sampler, counting, params, afterBurnIn, kept, m).toFloatArray();
            double seconds = (System.nanoTime() - start) / 1e9;
            return new SamplerEfficiencyResult(ess, kept, seconds, (double) counting.rows() / chains);
        }
    }

    /** {@code steps} sampler steps from {@code x}, which is freed; only the new states survive. */
    private static NDArray step(Sampler sampler, EnergyModel energy, Parameters params, NDArray x, int steps,
            NDManager manager) {
        NDArray next;
        try (NDScope ignored = new NDScope()) {
            next = sampler.run(energy, params, x, steps, manager).samples();
            NDScope.unregister(next);
        }
        x.close();
        return next;
    }

    public String describe() {
        return "ESS of the Hamming distance to a reference state, " + chains + " chains from uniform, first "
                + burnInFraction + " of the steps discarded";
    }

    /** DJL-style builder: {@code SamplerEfficiency.builder().optChains(64).build()}. */
    public static final class Builder {
        /** Chains whose ESS is averaged. */
        public static final int DEFAULT_CHAINS = 32;
        /** DISCS's ess_ratio: the first half of each chain is burn-in. */
        public static final double DEFAULT_BURN_IN_FRACTION = 0.5;

        private int chains = DEFAULT_CHAINS;
        private double burnInFraction = DEFAULT_BURN_IN_FRACTION;

        private Builder() {}

        /** The number of chains run in parallel (≥ 1). */
        public Builder optChains(int chains) {
            this.chains = chains;
            return this;
        }

        /** The share of the steps discarded as burn-in, in [0, 1). */
        public Builder optBurnInFraction(double burnInFraction) {
            this.burnInFraction = burnInFraction;
            return this;
        }

        public SamplerEfficiency build() {
            Require.atLeast("ess", "chains", chains, 1);
            Require.inHalfOpen("ess", "burnInFraction", burnInFraction, 0, 1);
            return new SamplerEfficiency(this);
        }
    }
}
