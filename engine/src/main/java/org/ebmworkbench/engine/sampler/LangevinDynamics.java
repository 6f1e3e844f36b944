package org.ebmworkbench.engine.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.ebmworkbench.engine.energy.EnergyModel;
import org.ebmworkbench.engine.tensor.Parameters;
import org.jspecify.annotations.Nullable;

/**
 * The unadjusted Langevin transition that {@link LangevinSampler} and {@link DecoupledLangevinSampler} share:
 * x ← box(x − drift·clip(∇ₓE(x)) + noise·ξ), ξ ~ N(0, I). The consistent discretisation with step h has drift h/2
 * and noise √h; the decoupled one sets them independently. One normal draw per step (none when noise is 0), after the
 * gradient.
 *
 * @param drift the factor of the gradient
 * @param noise the standard deviation of the added Gaussian noise (0: none is drawn)
 * @param gradientClip clip every gradient entry to [−c, c] first, or null
 * @param boxLow with {@code boxHigh}, clamp every coordinate after the step, or null
 */
record LangevinDynamics(
        double drift, double noise, @Nullable Double gradientClip, @Nullable Double boxLow, @Nullable Double boxHigh) {

    SamplerResult run(String name, EnergyModel energy, Parameters params, NDArray start, int steps, NDManager manager) {
        try (ChainRun run = new ChainRun(name, energy, start, steps, params, manager)) {
            NDList state = new NDList(run.copyOf(start));
            for (int k = 0; k < steps; k++) {
                boolean first = k == 0;
                state = ChainRun.advance(state, s -> {
                    NDArray x = s.head();
                    EnergyGradient eg = run.at(x);
                    if (first) {
                        run.recordInitialEnergy(eg.energy());
                    }
                    run.recordGradient(eg.gradient());
                    return new NDList(step(x, eg.gradient()));
                });
            }
            NDArray samples = state.head();
            return run.finish(samples, energy.energy(run.frozen(), samples));
        }
    }

    private NDArray step(NDArray x, NDArray gradient) {
        NDArray g = gradientClip == null ? gradient : ChainTensors.clipElementwise(gradient, gradientClip);
        NDArray next = x.sub(g.mul(drift));
        if (noise > 0) {
            next = next.add(x.getManager().randomNormal(x.getShape()).mul(noise));
        }
        return boxLow == null ? next : next.clip(boxLow, boxHigh);
    }
}
