package org.ebmworkbench.engine.eval;

/**
 * An importance-sampled negative log-likelihood.
 *
 * @param nll mean_i E(x_i) + log Ẑ, nats per test point
 * @param logZ the estimate log Ẑ
 * @param logZStandardError the delta-method standard error of log Ẑ, √((K / ESS − 1) / K) with ESS = (Σw)² / Σw²
 * @param samples K, the number of proposal samples
 */
public record NllEstimate(double nll, double logZ, double logZStandardError, int samples) {}
