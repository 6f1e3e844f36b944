package org.ebmworkbench.engine.train;

import java.util.Map;
import org.ebmworkbench.engine.tensor.Parameters;
import org.jspecify.annotations.Nullable;

/**
 * How a run ended. A NaN or Inf loss is an outcome ({@link Outcome#DIVERGED} with the first bad step), never an
 * exception.
 *
 * @param evaluationParameters the EMA parameters when kept, else {@code parameters}
 */
public record TrainingResult(
        Outcome outcome,
        long steps,
        @Nullable Long divergedAtStep,
        double wallSeconds,
        Parameters parameters,
        @Nullable Parameters emaParameters,
        Map<String, Double> finalMetrics) {

    public enum Outcome { COMPLETED, DIVERGED, INTERRUPTED }

    public Parameters evaluationParameters() {
        return emaParameters != null ? emaParameters : parameters;
    }
}
