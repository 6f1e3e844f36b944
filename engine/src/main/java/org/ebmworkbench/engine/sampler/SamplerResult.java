package org.ebmworkbench.engine.sampler;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * Final chain states and diagnostics: {@code acceptance_rate} (1 for unadjusted samplers), {@code energy_gap}
 * (mean energy of the final minus the initial states), {@code grad_norm} (mean ‖∇ₓE‖ over steps and chains), all
 * scalar tensors; {@code secondsPerStep} is measured on the host clock.
 */
public record SamplerResult(NDArray samples, Map<String, NDArray> diagnostics, double secondsPerStep) {
    public SamplerResult {
        diagnostics = Map.copyOf(diagnostics);
    }
}
