package org.ebmworkbench.engine.train;

import java.util.Map;
import org.ebmworkbench.engine.tensor.Parameters;

/** Computes named metrics of the current model; called every {@code evaluateEvery} steps and after the last. */
@FunctionalInterface
public interface Evaluator {
    /**
     * @param parameters the EMA parameters when the run keeps an EMA, else the raw ones
     * @param isFinal true for the evaluation after the last step (where artefacts are worth saving)
     */
    Map<String, Double> evaluate(long step, Parameters parameters, boolean isFinal);
}
