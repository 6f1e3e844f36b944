package org.ebmworkbench.engine.proposal;

/**
 * The outcome of {@link GaussianMixtureEm#fit}: the mixture's parameters and the EM trace.
 *
 * <p>{@link #logLikelihoods()} holds the mean per-point log-likelihood of the data, one entry per E-step: entry 0 is
 * that of the k-means initialisation, entry i that after i EM updates, and the last one that of the returned
 * parameters. EM never decreases it (up to rounding).
 */
public final class GaussianMixtureFit {
    private final double[] weights;
    private final double[][] means;
    private final double[][] stds;
    private final double[] logLikelihoods;
    private final boolean converged;

    GaussianMixtureFit(double[] weights, double[][] means, double[][] stds, double[] logLikelihoods, boolean converged) {
        this.weights = weights.clone();
        this.means = deepCopy(means);
        this.stds = deepCopy(stds);
        this.logLikelihoods = logLikelihoods.clone();
        this.converged = converged;
    }

    /** Mixing weights (k), summing to one. */
    public double[] weights() {
        return weights.clone();
    }

    /** Component means, k rows of d. */
    public double[][] means() {
        return deepCopy(means);
    }

    /** Component standard deviations per coordinate, k rows of d. */
    public double[][] stds() {
        return deepCopy(stds);
    }

    /** Mean per-point log-likelihood after 0, 1, …, {@link #iterations()} EM updates. */
    public double[] logLikelihoods() {
        return logLikelihoods.clone();
    }

    /** Number of EM updates performed. */
    public int iterations() {
        return logLikelihoods.length - 1;
    }

    /** Mean per-point log-likelihood of the data under the returned parameters. */
    public double finalLogLikelihood() {
        return logLikelihoods[logLikelihoods.length - 1];
    }

    /** Whether the last update improved the mean log-likelihood by less than the tolerance. */
    public boolean converged() {
        return converged;
    }

    static double[][] deepCopy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
