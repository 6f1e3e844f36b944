package org.ebmworkbench.engine.sampler;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * Final chain states and diagnostics: {@code acceptance_rate} (fraction of accepted proposals over steps and chains;
 * 1 for unadjusted samplers and for Gibbs, which keeps every draw), {@code energy_gap} (mean energy of the final
 * minus the initial states), {@code grad_norm} (mean ‖∇ₓE‖ at the chain states over steps and chains, before any
 * clipping; absent for gradient-free samplers (Gibbs), which never compute ∇ₓE), all scalar tensors; {@code
 * secondsPerStep} is measured on the host clock (on a GPU it times the dispatch of asynchronous kernels unless
 * something synchronised). Consumers that forward diagnostics copy those present ({@code diagnostics().get} returns
 * null for an absent one; {@link #diagnostic} fails with the list of those present).
 */
public record SamplerResult(NDArray samples, Map<String, NDArray> diagnostics, double secondsPerStep) {
    public static final String ACCEPTANCE_RATE = "acceptance_rate";
    public static final String ENERGY_GAP = "energy_gap";
    public static final String GRAD_NORM = "grad_norm";

    public SamplerResult {
        diagnostics = Map.copyOf(diagnostics);
    }

    /** A diagnostic by name, or a clear error listing the ones present. */
    public NDArray diagnostic(String name) {
        NDArray d = diagnostics.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no sampler diagnostic '" + name + "'; have " + diagnostics.keySet());
        }
        return d;
    }
}
