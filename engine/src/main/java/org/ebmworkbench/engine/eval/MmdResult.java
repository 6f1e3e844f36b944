package org.ebmworkbench.engine.eval;

/**
 * Result of {@link MaximumMeanDiscrepancy}: the unbiased MMD² estimate and the protocol behind it.
 *
 * @param value unbiased MMD² (diagonals excluded); can be slightly negative when the distributions agree
 * @param bandwidth the Gaussian kernel's h in k(x, y) = exp(−‖x − y‖² / (2h²)), as given or from the median heuristic
 * @param sampleCount number of model samples
 * @param dataCount number of data points
 * @param samplerDescription how the model samples were produced (sampler, steps, initialisation), free text
 */
public record MmdResult(double value, double bandwidth, int sampleCount, int dataCount, String samplerDescription) {}
