package org.ebmworkbench.engine.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import java.util.Map;

/**
 * Exact (implicit) score matching, Hyvärinen 2005 (docs/methods.md §3.6).
 *
 * <p>Minimises J(θ) = mean_i [ ½‖∇ₓE(xᵢ)‖² − ΔₓE(xᵢ) ], which equals the Fisher divergence
 * ½ E‖∇log p_data − ∇log p_θ‖² up to a θ-independent constant (integration by parts, log p_θ = −E − log Z). The
 * normaliser never appears, so adding a constant to the energy leaves the loss unchanged.
 *
 * <p>The Laplacian ΔE = tr ∇²E costs D extra backward passes (one Hessian column per input dimension), as in the ED
 * paper's 2-D baseline ("Hessian trace by per-dimension autograd", docs/methods.md §8.2); use it in low dimension and
 * {@link SlicedScoreMatching} otherwise. Gradients by double back-propagation ({@code Autograd.inputGradient}).
 *
 * <p>Diagnostics: {@code grad_sq} = mean ‖∇ₓE‖², {@code laplacian} = mean ΔₓE (at the optimum of a well-specified
 * model the two agree, by Stein's identity).
 */
public final class ExactScoreMatching implements Objective {

    private ExactScoreMatching() {}

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "sm";
    }

    @Override
    public Loss loss(ObjectiveContext context, NDArray batch) {
        ScoreEvaluation s = ScoreEvaluation.at(context, batch);
        NDArray g = s.gradient();
        int dim = (int) batch.getShape().get(1);
        NDArray laplacian = null;
        for (int d = 0; d < dim; d++) {
            NDIndex column = new NDIndex(":, {}", d);
            NDArray hessianColumn = s.derivative(g.get(column).sum());
            NDArray diagonal = hessianColumn.get(column);
            laplacian = laplacian == null ? diagonal : laplacian.add(diagonal);
        }
        NDArray gradSq = ScoreEvaluation.squaredNorms(g);
        NDArray loss = gradSq.mul(0.5).sub(laplacian).mean();
        return new Loss(loss, Map.of(
                "grad_sq", gradSq.mean().stopGradient(),
                "laplacian", laplacian.mean().stopGradient()));
    }

    @Override
    public List<String> diagnosticNames() {
        return List.of("grad_sq", "laplacian");
    }

    @Override
    public String describe() {
        return "exact score matching (Hessian trace by one backward pass per dimension)";
    }

    /** Exact score matching has no hyper-parameters; the builder is kept for a uniform API. */
    public static final class Builder {
        private Builder() {}

        public ExactScoreMatching build() {
            return new ExactScoreMatching();
        }
    }
}
