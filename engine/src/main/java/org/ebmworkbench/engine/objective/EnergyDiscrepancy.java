package org.ebmworkbench.engine.objective;

import org.ebmworkbench.engine.check.Require;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import java.util.Map;
import org.ebmworkbench.engine.perturbation.GaussianPerturbation;
import org.ebmworkbench.engine.perturbation.Perturbation;
import org.ebmworkbench.engine.tensor.Tensors;
import org.jspecify.annotations.Nullable;

/**
 * Energy Discrepancy, Schröder, Ou, Lim, Li, Vollmer and Duncan, NeurIPS 2023 (arXiv:2307.06431), with any
 * {@link Perturbation}: the Gaussian of the continuous paper, or the Bernoulli, neighbourhood (grid) and pooling
 * perturbations of discrete ED (Schröder et al. 2024, arXiv:2412.01019); docs/methods.md §3.2.
 *
 * <p>For each data point xᵢ the perturbation draws m negatives x⁻ᵢⱼ (Gaussian: yᵢ = xᵢ + √t ξᵢ, x⁻ᵢⱼ = yᵢ + √t ξᵢⱼ). The
 * loss is
 * <pre>  L = mean_i logsumexp( [E(xᵢ) − E(x⁻ᵢ₁), …, E(xᵢ) − E(x⁻ᵢₘ), log w] )</pre>
 * which is the paper's L_{t,M,w} = mean_i log(w/M + (1/M) Σⱼ exp(E(xᵢ) − E(x⁻ᵢⱼ))) plus the constant log m: like the
 * official code we do not subtract log m, so logged values match the official notebooks'; gradients are identical.
 * With w = 0 the extra logit is dropped (the unstabilised estimator, unbounded below for finite m); with w > 0 every
 * term is at least log w, whatever the energy.
 *
 * <ul>
 *   <li>{@code perturbation}: default the Gaussian of variance t = 1 ({@link GaussianPerturbation}).
 *   <li>{@code m}: the number of negatives per data point (the paper's M).
 *   <li>{@code w}: the stabiliser, counted as the data point itself being a negative with weight w.
 * </ul>
 * Defaults t = 1, m = 4, w = 1: the official 2-D density-estimation setting (discrete ED uses m = 32, w = 1). The
 * energy is evaluated in one forward pass over concat(batch, negatives). Random draws: the perturbation's, in its
 * documented order. Diagnostic: {@code energy_gap} = mean over i, j of E(xᵢ) − E(x⁻ᵢⱼ) (negative once the data sit in
 * the energy's wells).
 */
public final class EnergyDiscrepancy implements Objective {
    private final Perturbation perturbation;
    private final int m;
    private final double w;

    private EnergyDiscrepancy(Builder b, Perturbation perturbation) {
        this.perturbation = perturbation;
        this.m = b.m;
        this.w = b.w;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "ed";
    }

    /** The perturbation that draws the negatives. */
    public Perturbation perturbation() {
        return perturbation;
    }

    /** Negatives per data point. */
    public int m() {
        return m;
    }

    /** Stabiliser (0: none). */
    public double w() {
        return w;
    }

    @Override
    public Loss loss(ObjectiveContext context, NDArray batch) {
        long n = batch.getShape().get(0);
        NDArray negatives = perturbation.negatives(context.manager(), batch, m);
        BatchAndExtra energies = BatchAndExtra.energies(context, batch, negatives);
        NDArray dataEnergy = energies.data();
        NDArray negativeEnergy = energies.extra().reshape(n, m);
        return new Loss(lossFromEnergies(dataEnergy, negativeEnergy, w), Map.of(
                "energy_gap", dataEnergy.expandDims(1).sub(negativeEnergy).mean().stopGradient()));
    }

    /**
     * The ED loss from energies: mean_i logsumexp([E(xᵢ) − E(x⁻ᵢⱼ)]ⱼ ∪ {log w}), the extra logit dropped when w = 0.
     *
     * @param dataEnergy E(xᵢ), shape N
     * @param negativeEnergy E(x⁻ᵢⱼ), shape N x m
     */
    public static NDArray lossFromEnergies(NDArray dataEnergy, NDArray negativeEnergy, double w) {
        return pointLosses(dataEnergy, negativeEnergy, w).mean();
    }

    /**
     * The terms of {@link #lossFromEnergies} before the mean over data points, logsumexp([E(xᵢ) − E(x⁻ᵢⱼ)]ⱼ ∪
     * {log w}) for each i (shape N): for standard errors and per-point comparisons.
     */
    public static NDArray pointLosses(NDArray dataEnergy, NDArray negativeEnergy, double w) {
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException("ED: w must be >= 0 and finite, was " + w);
        }
        NDArray logits = dataEnergy.expandDims(1).sub(negativeEnergy);
        if (w > 0) {
            NDArray stabiliser = logits.get(new NDIndex(":, :1")).zerosLike().add(Math.log(w));
            logits = NDArrays.concat(new NDList(logits, stabiliser), 1);
        }
        return Tensors.logSumExp(logits, 1);
    }

    @Override
    public List<String> diagnosticNames() {
        return List.of("energy_gap");
    }

    @Override
    public String describe() {
        return "energy discrepancy: " + perturbation.describe() + ", m " + m + " negatives, w " + w;
    }

    /** Builder with the official 2-D defaults: the Gaussian perturbation of variance t = 1, m = 4, w = 1. */
    public static final class Builder {
        /** The official 2-D perturbation variance. */
        public static final double DEFAULT_T = GaussianPerturbation.Builder.DEFAULT_T;
        /** The official 2-D number of negatives. */
        public static final int DEFAULT_M = 4;
        /** The discrete-ED papers' number of negatives (toys, binary images and Ising). */
        public static final int DEFAULT_DISCRETE_M = 32;
        /** The official 2-D stabiliser (also discrete ED's). */
        public static final double DEFAULT_W = 1.0;

        private @Nullable Perturbation perturbation;
        private double t = DEFAULT_T;
        private int m = DEFAULT_M;
        private double w = DEFAULT_W;

        private Builder() {}

        /**
         * The Gaussian perturbation of variance t (the noise is √t·ξ): shorthand for a {@link GaussianPerturbation},
         * replacing any perturbation set before.
         */
        public Builder optT(double t) {
            this.t = t;
            this.perturbation = null;
            return this;
        }

        /** The perturbation that draws the negatives, replacing the Gaussian of {@link #optT}. */
        public Builder optPerturbation(Perturbation perturbation) {
            this.perturbation = perturbation;
            return this;
        }

        /** Number m of negatives per data point. */
        public Builder optM(int m) {
            this.m = m;
            return this;
        }

        /** Stabiliser w >= 0; 0 drops the extra logit log w. */
        public Builder optW(double w) {
            this.w = w;
            return this;
        }

        public EnergyDiscrepancy build() {
            Perturbation p = perturbation;
            if (p == null) {
                Require.positive("ed", "t", t);
                p = GaussianPerturbation.builder().optT(t).build();
            }
            Require.atLeast("ed", "m", m, 1);
            Require.nonNegative("ed", "w", w);
            return new EnergyDiscrepancy(this, p);
        }
    }
}
