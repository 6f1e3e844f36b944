package org.ebmworkbench.engine.objective;

import org.ebmworkbench.engine.check.Require;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.List;
import java.util.Map;
import org.ebmworkbench.engine.proposal.Proposal;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * Noise-contrastive estimation, Gutmann and Hyvärinen 2010 (docs/methods.md §3.3).
 *
 * <p>The model log p(x) = −E(x) − c has a free normaliser c (parameter {@value #NORMALISER}). With ν noise samples
 * per data point from the run's proposal q (any {@link Proposal}), the logit of "data" is
 * ℓ(x) = log p(x) − log(ν q(x)) = −E(x) − c − log q(x) − log ν, and the loss is the negated NCE objective,
 * <pre>  L = −(1/N) [ Σᵢ log σ(ℓ(xᵢ)) + Σₖ log σ(−ℓ(x̃ₖ)) ],  k = 1..νN,</pre>
 * i.e. −J = −E_data[log D] − ν E_q[log(1 − D)] with sample means, computed as softplus terms (log σ(z) =
 * −softplus(−z)), stable for any |ℓ|. At the optimum c = log Z of the energy (consistency needs q > 0 wherever the
 * data are). The energy is evaluated in one forward pass over concat(batch, noise); noise samples are detached.
 *
 * <ul>
 *   <li>{@code noisePerDatum}: ν, default 1.
 *   <li>{@code noiseSamples}: instead, a fixed number K of noise samples per step whatever the batch size N, so
 *       ν = K / N may be fractional (the SNL code's baseline, which draws its proposal samples per step); the
 *       formulas above hold with νN = K.
 *   <li>c is initialised to log Ẑ estimated from {@code normaliserInitSamples} proposal samples, as SNL initialises
 *       its b (our choice; the original paper does not prescribe one); with 0 samples c starts at 0.
 * </ul>
 * Diagnostics: {@code accuracy} (fraction of data and noise points the logit classifies correctly, 0.5 when model and
 * noise coincide with the data) and {@code c}.
 */
public final class NoiseContrastiveEstimation implements Objective {
    /** Name of the learned normaliser c in the parameter set. */
    public static final String NORMALISER = "nce.c";

    private final int noisePerDatum;
    private final int noiseSamples;
    private final int normaliserInitSamples;

    private NoiseContrastiveEstimation(Builder b) {
        this.noisePerDatum = b.noisePerDatum;
        this.noiseSamples = b.noiseSamples;
        this.normaliserInitSamples = b.normaliserInitSamples;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "nce";
    }

    public int noisePerDatum() {
        return noisePerDatum;
    }

    @Override
    public Parameters initialize(ObjectiveContext context) {
        context.requireProposal("NCE");
        double c = normaliserInitSamples == 0 ? 0
                : ProposalEstimates.logNormaliser(context, normaliserInitSamples, "NCE");
        return Parameters.builder().add(NORMALISER, context.manager().create((float) c)).build();
    }

    @Override
    public Loss loss(ObjectiveContext context, NDArray batch) {
        Proposal q = context.requireProposal("NCE");
        long n = batch.getShape().get(0);
        int count = noiseSamples > 0 ? noiseSamples : Math.toIntExact(n * noisePerDatum);
        double nu = (double) count / n;
        NDArray noise = ProposalEstimates.sample(q, context, count, batch);
        BatchAndExtra energies = BatchAndExtra.energies(context, batch, noise);
        NDArray c = context.parameters().get(NORMALISER);
        NDArray dataLogits = energies.data().neg().sub(c).sub(q.logProb(batch)).sub(Math.log(nu));
        NDArray noiseLogits = energies.extra().neg().sub(c).sub(q.logProb(noise)).sub(Math.log(nu));
        NDArray loss = Activation.softPlus(dataLogits.neg()).sum().add(Activation.softPlus(noiseLogits).sum()).div(n);
        NDArray correct = dataLogits.gt(0).toType(dataLogits.getDataType(), false).sum()
                .add(noiseLogits.lt(0).toType(noiseLogits.getDataType(), false).sum());
        return new Loss(loss, Map.of(
                "accuracy", correct.div(n + count).stopGradient(),
                "c", c.stopGradient()));
    }

    @Override
    public List<String> diagnosticNames() {
        return List.of("accuracy", "c");
    }

    @Override
    public String describe() {
        String noise = noiseSamples > 0 ? noiseSamples + " noise samples per step"
                : noisePerDatum + " noise sample" + (noisePerDatum == 1 ? "" : "s") + " per data point";
        return "NCE: " + noise + ", c "
                + (normaliserInitSamples == 0 ? "initialised to 0" : "initialised from " + normaliserInitSamples
                + " samples");
    }

    /** Builder; defaults ν = 1, c initialised from 1024 proposal samples. */
    public static final class Builder {
        /** One noise sample per data point. */
        public static final int DEFAULT_NOISE_PER_DATUM = 1;
        /** 0: the noise count follows noisePerDatum. */
        public static final int DEFAULT_NOISE_SAMPLES = 0;
        /** Proposal samples for the initial c. */
        public static final int DEFAULT_NORMALISER_INIT_SAMPLES = 1024;

        private int noisePerDatum = DEFAULT_NOISE_PER_DATUM;
        private int noiseSamples = DEFAULT_NOISE_SAMPLES;
        private int normaliserInitSamples = DEFAULT_NORMALISER_INIT_SAMPLES;

        private Builder() {}

        /** ν, the number of noise samples per data point. */
        public Builder optNoisePerDatum(int nu) {
            this.noisePerDatum = nu;
            return this;
        }

        /** K noise samples per step whatever the batch size (ν = K / N); 0 (the default) uses noisePerDatum. */
        public Builder optNoiseSamples(int k) {
            this.noiseSamples = k;
            return this;
        }

        /** Proposal samples for the initial c = log Ẑ; 0 starts c at 0. */
        public Builder optNormaliserInitSamples(int samples) {
            this.normaliserInitSamples = samples;
            return this;
        }

        public NoiseContrastiveEstimation build() {
            Require.atLeast("nce", "noisePerDatum", noisePerDatum, 1);
            Require.atLeast("nce", "noiseSamples", noiseSamples, 0);
            Require.atLeast("nce", "normaliserInitSamples", normaliserInitSamples, 0);
            return new NoiseContrastiveEstimation(this);
        }
    }
}
