package org.ebmworkbench.engine.train;

import java.util.Map;

/** Receives training events; every method defaults to doing nothing. Called on the training thread. */
public interface TrainingListener {

    /**
     * Every {@code logEvery} steps: the mean loss over those steps and the diagnostics of the last one.
     *
     * @param step number of completed steps
     */
    default void onLog(long step, long totalSteps, double wallSeconds, Map<String, Double> values) {}

    /** After an evaluation; {@code metrics} by their fixed names (e.g. {@code test_ll_grid}). */
    default void onEvaluation(long step, double wallSeconds, Map<String, Double> metrics) {}
}
