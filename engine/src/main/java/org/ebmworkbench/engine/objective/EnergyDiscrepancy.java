package org.ebmworkbench.engine.objective;

import org.ebmworkbench.engine.check.Require;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.ebmworkbench.engine.tensor.Tensors;

/**
 * Energy Discrepancy with a Gaussian perturbation, Schröder, Ou, Lim, Li, Vollmer and Duncan, NeurIPS 2023
 * (arXiv 2307.06431; docs/methods.md §3.2).
 *
 * <p>For each data point xᵢ: yᵢ = xᵢ + √t ξᵢ and negatives x⁻ᵢⱼ = yᵢ + √t ξᵢⱼ, j = 1..m, all ξ ~ N(0, I). The loss is
 * <pre>  L = mean_i logsumexp( [E(xᵢ) − E(x⁻ᵢ₁), …, E(xᵢ) − E(x⁻ᵢₘ), log w] )</pre>
 * which is the paper's L_{t,M,w} = mean_i log(w/M + (1/M) Σⱼ exp(E(xᵢ) − E(x⁻ᵢⱼ))) plus the constant log m: like the
 * official code (docs/methods.md §3.2) we do not subtract log m, so logged values match the official notebooks';
 * gradients are identical. With w = 0 the extra logit is dropped (the unstabilised estimator, unbounded below for
 * finite m).
 *
 * <ul>
 *   <li>{@code t}: the VARIANCE of the Gaussian perturbation (not its standard deviation; the official notebooks
 *       disagree, docs/methods.md §3.2; at the default t = 1 they agree).
 *   <li>{@code m}: the number of negatives per data point (the paper's M).
 *   <li>{@code w}: the stabiliser, counted as the data point itself being a negative with weight w.
 * </ul>
 * Defaults t = 1, m = 4, w = 1: the official 2-D density-estimation setting. The energy is evaluated in one forward
 * pass over concat(batch, negatives). Random draws, in this order and in the batch's data type: ξ (N x D), then
 * ξᵢⱼ (N x m x D). Diagnostic: {@code energy_gap} = mean over i, j of E(xᵢ) − E(x⁻ᵢⱼ) (negative once the data sit in
 * the energy's wells).
 */
public final class EnergyDiscrepancy implements Objective {
    private final double t;
    private final int m;
    private final double w;

    private EnergyDiscrepancy(Builder b) {
        this.t = b.t;
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

    /** Variance of the Gaussian perturbation. */
    public double t() {
        return t;
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
        long dim = batch.getShape().get(1);
        double sd = Math.sqrt(t);
        NDArray xi = context.manager().randomNormal(0f, 1f, batch.getShape(), batch.getDataType());
        NDArray perturbed = batch.add(xi.mul(sd));
        NDArray xiNegative = context.manager().randomNormal(0f, 1f, new Shape(n, m, dim), batch.getDataType());
        NDArray negatives = perturbed.expandDims(1).add(xiNegative.mul(sd)).reshape(n * m, dim);
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
        return "energy discrepancy: t " + t + " (variance), m " + m + " negatives, w " + w;
    }

    /** Builder with the official 2-D defaults t = 1, m = 4, w = 1. */
    public static final class Builder {
        /** The official 2-D perturbation variance. */
        public static final double DEFAULT_T = 1.0;
        /** The official 2-D number of negatives. */
        public static final int DEFAULT_M = 4;
        /** The official 2-D stabiliser. */
        public static final double DEFAULT_W = 1.0;

        private double t = DEFAULT_T;
        private int m = DEFAULT_M;
        private double w = DEFAULT_W;

        private Builder() {}

        /** Variance t of the Gaussian perturbation (the noise is √t·ξ). */
        public Builder optT(double t) {
            this.t = t;
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
            Require.positive("ed", "t", t);
            Require.atLeast("ed", "m", m, 1);
            Require.nonNegative("ed", "w", w);
            return new EnergyDiscrepancy(this);
        }
    }
}
