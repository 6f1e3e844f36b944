package org.ebmworkbench.engine.objective;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A scalar loss tensor and named scalar diagnostics (e.g. {@code ess}, {@code log_z}); diagnostics must not require
 * gradients' host reads: they are read only at logging steps.
 */
public record Loss(NDArray value, Map<String, NDArray> diagnostics) {
    public Loss {
        diagnostics = Map.copyOf(diagnostics);
    }
}
