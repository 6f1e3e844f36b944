package org.ebmworkbench.engine.objective;

import org.ebmworkbench.engine.check.Require;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;

/**
 * Sliced score matching, Song, Garg, Shi and Ermon 2019, arXiv 1905.07088 (docs/methods.md §3.8).
 *
 * <p>With random projections v (E[vvᵀ] = I), minimises
 * J = mean_{i,k} [ ½(vᵢₖᵀ∇ₓE(xᵢ))² − vᵢₖᵀ ∇ₓ²E(xᵢ) vᵢₖ ],
 * i.e. the paper's E[vᵀ∇²log p v + ½(vᵀ∇log p)²] with log p = −E − log Z; in expectation over v it is exact score
 * matching. With {@code varianceReduced} (SSM-VR) the first term is replaced by its expectation over v, ½‖∇ₓE‖².
 * The Hessian-vector products cost one extra backward pass, whatever the dimension.
 *
 * <ul>
 *   <li>{@code projections}: v is Rademacher (±1 entries) or standard Gaussian; the paper names both and pairs
 *       SSM-VR with Gaussian v. Either satisfies E[vvᵀ] = I, which is all the estimator needs; v is not normalised
 *       to the unit sphere (a normalised v would scale the loss by 1/D).
 *   <li>{@code numProjections}: projections per data point (Song's {@code n_particles}); the batch is tiled that many
 *       times.
 * </ul>
 * Defaults: Rademacher, 1 projection, not variance-reduced. Random draws: v, one (numProjections·N) x D tensor per
 * step in the batch's data type, rows k·N + i. Diagnostic: {@code grad_sq} = mean ‖∇ₓE‖².
 */
public final class SlicedScoreMatching implements Objective {

    /** Distribution of the projection vectors v. */
    public enum Projection {
        /** Independent ±1 entries. */
        RADEMACHER,
        /** Independent N(0, 1) entries. */
        GAUSSIAN
    }

    private final Projection projection;
    private final int numProjections;
    private final boolean varianceReduced;

    private SlicedScoreMatching(Builder b) {
        this.projection = b.projection;
        this.numProjections = b.numProjections;
        this.varianceReduced = b.varianceReduced;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return varianceReduced ? "ssm-vr" : "ssm";
    }

    public Projection projection() {
        return projection;
    }

    public int numProjections() {
        return numProjections;
    }

    public boolean varianceReduced() {
        return varianceReduced;
    }

    @Override
    public Loss loss(ObjectiveContext context, NDArray batch) {
        NDArray x = numProjections == 1 ? batch : batch.tile(new long[] {numProjections, 1});
        NDArray v = draw(context.manager(), x.getShape(), x.getDataType());
        ScoreEvaluation s = ScoreEvaluation.at(context, x);
        NDArray g = s.gradient();
        NDArray projected = g.mul(v).sum(new int[] {1});
        NDArray hessianV = s.derivative(projected.sum());
        NDArray curvature = v.mul(hessianV).sum(new int[] {1});
        NDArray gradSq = ScoreEvaluation.squaredNorms(g);
        NDArray first = varianceReduced ? gradSq.mul(0.5) : projected.square().mul(0.5);
        NDArray loss = first.sub(curvature).mean();
        return new Loss(loss, Map.of("grad_sq", gradSq.mean().stopGradient()));
    }

    private NDArray draw(NDManager manager, Shape shape, DataType type) {
        if (projection == Projection.GAUSSIAN) {
            return manager.randomNormal(0f, 1f, shape, type);
        }
        return manager.randomInteger(0, 2, shape, DataType.INT32).toType(type, false).mul(2).sub(1);
    }

    @Override
    public List<String> diagnosticNames() {
        return List.of("grad_sq");
    }

    @Override
    public String describe() {
        return "sliced score matching" + (varianceReduced ? " (variance-reduced)" : "") + ", " + numProjections
                + " " + projection.name().toLowerCase() + " projection" + (numProjections == 1 ? "" : "s")
                + " per point";
    }

    /** Builder; defaults: Rademacher projections, one per data point, not variance-reduced. */
    public static final class Builder {
        /** Rademacher projections. */
        public static final Projection DEFAULT_PROJECTION = Projection.RADEMACHER;
        /** One projection per data point. */
        public static final int DEFAULT_NUM_PROJECTIONS = 1;
        /** The plain (not variance-reduced) estimator. */
        public static final boolean DEFAULT_VARIANCE_REDUCED = false;

        private Projection projection = DEFAULT_PROJECTION;
        private int numProjections = DEFAULT_NUM_PROJECTIONS;
        private boolean varianceReduced = DEFAULT_VARIANCE_REDUCED;

        private Builder() {}

        public Builder optProjection(Projection projection) {
            this.projection = projection;
            return this;
        }

        /** Projections per data point (Song's {@code n_particles}). */
        public Builder optNumProjections(int n) {
            this.numProjections = n;
            return this;
        }

        /** Replace ½(vᵀ∇E)² by its expectation ½‖∇E‖² (SSM-VR). */
        public Builder optVarianceReduced(boolean varianceReduced) {
            this.varianceReduced = varianceReduced;
            return this;
        }

        public SlicedScoreMatching build() {
            if (projection == null) {
                throw new IllegalArgumentException("SSM: projection must not be null");
            }
            Require.atLeast("ssm", "numProjections", numProjections, 1);
            return new SlicedScoreMatching(this);
        }
    }
}
