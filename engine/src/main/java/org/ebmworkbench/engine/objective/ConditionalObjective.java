package org.ebmworkbench.engine.objective;

/**
 * An objective for a conditional density p(y | x) ∝ exp(−E(x, y)) (docs/methods.md §12). Its batches are rows
 * {@code [x, y]} with the {@link #targetDim()} target columns last; its proposal is a density q(y) on the targets
 * alone (dimension {@link #targetDim()}), from which it draws, for every row, target samples that it pairs with
 * that row's x. The trainer checks the proposal against the target width instead of the row width.
 */
public interface ConditionalObjective extends Objective {
    /** Number of target columns, the last of each row. */
    int targetDim();
}
