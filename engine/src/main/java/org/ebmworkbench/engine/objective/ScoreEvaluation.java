package org.ebmworkbench.engine.objective;

import ai.djl.ndarray.NDArray;
import org.ebmworkbench.engine.tensor.Autograd;

/**
 * The common part of the score-matching objectives: the energy at a batch and its input gradient ∇ₓE, kept
 * differentiable w.r.t. the parameters ({@link Autograd#inputGradient}, double back-propagation). Evaluate inside the
 * training collector; {@link #derivative} gives further input derivatives (Hessian-vector products, columns).
 */
final class ScoreEvaluation {
    private final NDArray input;
    private final NDArray gradient;

    private ScoreEvaluation(NDArray input, NDArray gradient) {
        this.input = input;
        this.gradient = gradient;
    }

    /** ∇ₓE at the rows of {@code x} (N x D) with the context's energy and parameters. */
    static ScoreEvaluation at(ObjectiveContext context, NDArray x) {
        NDArray input = Autograd.inputLeaf(x);
        NDArray energy = context.energy().energy(context.parameters(), input);
        return new ScoreEvaluation(input, Autograd.inputGradient(energy.sum(), input));
    }

    /** ∇ₓE (N x D), differentiable w.r.t. the parameters. */
    NDArray gradient() {
        return gradient;
    }

    /** ∂(scalar)/∂x (N x D) for a scalar built from {@link #gradient()}, e.g. Σᵢ vᵢᵀ∇E(xᵢ) gives the rows Hᵢvᵢ. */
    NDArray derivative(NDArray scalar) {
        return Autograd.inputGradient(scalar, input);
    }

    /** ‖x‖² of each row of an N x D tensor. */
    static NDArray squaredNorms(NDArray x) {
        return x.square().sum(new int[] {1});
    }
}
