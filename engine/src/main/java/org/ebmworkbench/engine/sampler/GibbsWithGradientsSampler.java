package org.ebmworkbench.engine.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.tensor.Parameters;

/**
 * Gibbs-with-Gradients (Grathwohl, Swersky, Hashemi, Duvenaud and Maddison 2021, arXiv:2102.04509): a
 * Metropolis–Hastings sampler of binary states x ∈ {0, 1}^D whose proposal flips one site, chosen with the help of
 * the energy's gradient.
 *
 * <p>The first-order Taylor estimate of the change of log p̃ = −E when site i flips is
 * d̃ᵢ(x) = −(1 − 2xᵢ)·∂E/∂xᵢ(x) (the flip moves xᵢ by 1 − 2xᵢ). The proposal picks i with probability
 * q(i | x) = softmax(d̃(x)/2)ᵢ and flips it, x' = x ⊕ eᵢ; the move is accepted with probability
 * min(1, exp(E(x) − E(x')) · q(i | x') / q(i | x)), the reverse move flipping the same site back from x'. Every chain
 * decides on its own (tensor masks), so p ∝ exp(−E) is invariant for any differentiable energy; the better the Taylor
 * estimate, the higher the acceptance rate (on an Ising model it is exact up to the self-coupling).
 *
 * <p>One step costs one energy-and-gradient evaluation (at x'; those of the current state are carried). The site is
 * drawn by the Gumbel-max trick, argmax(logits + G) with G = −log(−log U), in tensor operations. Random draws per
 * step: U (N x D) for the site, then the MH uniforms (N). Start states must be binary (checked once per run, one host
 * read). Diagnostics: {@code acceptance_rate}, {@code energy_gap} and {@code grad_norm} (mean ‖∇ₓE‖ at the states
 * each step starts from). Must run outside any open {@code GradientCollector} (it opens its own per step).
 */
public final class GibbsWithGradientsSampler implements Sampler {
    private static final String NAME = "gwg";

    private GibbsWithGradientsSampler() {}

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SamplerResult run(EnergyModel energy, Parameters params, NDArray start, int steps, NDManager manager) {
        try (ChainRun run = new ChainRun(NAME, energy, start, steps, params, manager)) {
            BinaryStates.check(NAME, start);
            NDList state = run.stateWithGradient(start);
            int d = energy.inputDim();
            for (int k = 0; k < steps; k++) {
                state = ChainRun.advance(state, s -> {
                    NDArray x = s.get(0);
                    run.recordGradient(s.get(2));
                    NDArray logForward = logProposal(x, s.get(2));
                    NDArray u = x.getManager().randomUniform(0f, 1f, x.getShape(), x.getDataType());
                    NDArray gumbel = u.log().neg().log().neg();
                    NDArray site = logForward.add(gumbel).argMax(1).oneHot(d, x.getDataType());
                    NDArray y = BinaryStates.flip(x, site);
                    EnergyGradient ey = run.at(y);
                    NDArray logBackward = logProposal(y, ey.gradient());
                    NDArray logAlpha = s.get(1).sub(ey.energy())
                            .add(logBackward.mul(site).sum(new int[] {1})).sub(logForward.mul(site).sum(new int[] {1}));
                    return run.metropolis(logAlpha, new NDList(y, ey.energy(), ey.gradient()), s);
                });
            }
            return run.finish(state.get(0), state.get(1));
        }
    }

    /** log q(· | x) = log softmax(d̃(x)/2) over the D sites, d̃ᵢ = −(1 − 2xᵢ)·∂E/∂xᵢ; shape N x D. */
    private static NDArray logProposal(NDArray x, NDArray gradient) {
        NDArray direction = x.mul(2).sub(1);
        return direction.mul(gradient).mul(0.5).logSoftmax(1);
    }

    @Override
    public String describe() {
        return "Gibbs-with-Gradients: one flip per step from softmax(−(1 − 2x)∇E/2), MH-corrected";
    }

    /** A step is one proposed flip; the sampler has no hyper-parameter (the number of steps is the caller's). */
    public static final class Builder {
        private Builder() {}

        public GibbsWithGradientsSampler build() {
            return new GibbsWithGradientsSampler();
        }
    }
}
