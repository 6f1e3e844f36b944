package org.ebmworkbench.engine.objective;

import org.ebmworkbench.engine.check.Require;
import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/**
 * Denoising score matching, Vincent 2011 (docs/methods.md §3.7).
 *
 * <p>With x̃ = x + σε, ε ~ N(0, I), minimises J = mean_i ½‖−∇ₓE(x̃ᵢ) + εᵢ/σ‖², the squared error between the model
 * score −∇E and the score of the Gaussian kernel, −(x̃ − x)/σ² = −ε/σ (the sign of ε/σ follows the residual ∇log
 * p(x̃) + (x̃ − x)/σ²). The loss is not weighted by σ². It is consistent for the smoothed density
 * p_data ∗ N(0, σ²I), not p_data: for Gaussian data the fitted covariance is Σ + σ²I. Default σ = 0.1, the SNL 2-D
 * baseline's (official code). One backward pass for ∇E; the parameter gradient by double back-propagation.
 *
 * <p>Random draws: ε, one N x D normal tensor per step, in the batch's data type. Diagnostic: {@code grad_sq} =
 * mean ‖∇ₓE(x̃)‖².
 */
public final class DenoisingScoreMatching implements Objective {
    private final double sigma;

    private DenoisingScoreMatching(Builder b) {
        this.sigma = b.sigma;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "dsm";
    }

    public double sigma() {
        return sigma;
    }

    @Override
    public Loss loss(ObjectiveContext context, NDArray batch) {
        NDArray eps = context.manager().randomNormal(0f, 1f, batch.getShape(), batch.getDataType());
        ScoreEvaluation s = ScoreEvaluation.at(context, batch.add(eps.mul(sigma)));
        NDArray g = s.gradient();
        NDArray residual = g.neg().add(eps.div(sigma));
        NDArray loss = ScoreEvaluation.squaredNorms(residual).mul(0.5).mean();
        return new Loss(loss, Map.of("grad_sq", ScoreEvaluation.squaredNorms(g).mean().stopGradient()));
    }

    @Override
    public List<String> diagnosticNames() {
        return List.of("grad_sq");
    }

    @Override
    public String describe() {
        return "denoising score matching, sigma " + sigma;
    }

    /** Builder; default σ = 0.1. */
    public static final class Builder {
        /** SNL's 2-D baseline noise std. */
        public static final double DEFAULT_SIGMA = 0.1;

        private double sigma = DEFAULT_SIGMA;

        private Builder() {}

        /** Standard deviation σ of the Gaussian noise added to the data. */
        public Builder optSigma(double sigma) {
            this.sigma = sigma;
            return this;
        }

        public DenoisingScoreMatching build() {
            Require.positive("dsm", "sigma", sigma);
            return new DenoisingScoreMatching(this);
        }
    }
}
