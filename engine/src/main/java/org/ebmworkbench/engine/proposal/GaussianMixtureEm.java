package org.ebmworkbench.engine.proposal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ebmworkbench.engine.data.Dataset;

/**
 * Maximum-likelihood fit of a k-component diagonal-covariance Gaussian mixture by EM, on the host in double
 * precision: fitting happens once per run, costs O(n·k·d) time per iteration and O(k·d) memory (responsibilities
 * are accumulated point by point, never stored), and doubles keep the log-likelihood trace monotone to ~1e-12.
 *
 * <p>Initialisation follows SNL's 20-component GMM proposal (docs/methods.md §5.4), i.e. scikit-learn's
 * {@code GaussianMixture(covariance_type="diag", init_params="kmeans")}: k-means from a k-means++ start
 * ({@link KMeans}), then one M-step on the hard labels. Each M-step clamps every variance at
 * {@link Settings#varianceFloor()}; clamping is the exact maximiser of the EM objective under that constraint, so
 * EM still never decreases the likelihood. A component whose responsibility mass falls below {@link #EMPTY_MASS}
 * keeps its previous mean and variance (its weight is then ~0, so its parameters barely matter).
 */
public final class GaussianMixtureEm {
    /** Responsibility mass below which a component's mean and variance are not re-estimated. */
    static final double EMPTY_MASS = 1e-10;
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /** Added to every component's mass (as scikit-learn does) so no weight is exactly zero. */
    private static final double MASS_JITTER = 10 * Math.ulp(1.0);

    private GaussianMixtureEm() {}

    /**
     * EM settings.
     *
     * @param maxIterations most EM updates after the k-means initialisation (>= 0)
     * @param tolerance stop once an update raises the mean per-point log-likelihood by less than this (nats, >= 0)
     * @param varianceFloor smallest per-coordinate variance, in squared data units (> 0)
     */
    public record Settings(int maxIterations, double tolerance, double varianceFloor) {
        /** 100 updates, tolerance 1e-4 nat per point, variance floor 1e-6 (scikit-learn's reg_covar). */
        public static final Settings DEFAULT = new Settings(100, 1e-4, 1e-6);

        public Settings {
            if (maxIterations < 0) {
                throw new IllegalArgumentException("EM: maxIterations must be >= 0, was " + maxIterations);
            }
            if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
                throw new IllegalArgumentException("EM: tolerance must be finite and >= 0, was " + tolerance);
            }
            if (!(varianceFloor > 0) || Double.isInfinite(varianceFloor)) {
                throw new IllegalArgumentException("EM: varianceFloor must be finite and > 0, was " + varianceFloor);
            }
        }
    }

    /** Fits k components to {@code data}; {@code seed} drives the k-means++ start, so it fixes the result. */
    public static GaussianMixtureFit fit(Dataset data, int k, long seed, Settings settings) {
        int n = data.size();
        int d = data.dim();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("Gaussian mixture: need 1 <= k <= n = " + n + ", got k=" + k);
        }
        float[] raw = data.toArray();
        double[] x = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            x[i] = raw[i];
        }
        KMeans.Clustering start = KMeans.cluster(x, n, d, k, new SplittableRandom(seed));
        Mixture mixture = initialFromLabels(x, n, d, start, settings.varianceFloor());
        List<Double> trace = new ArrayList<>();
        boolean converged = false;
        for (int it = 0; ; it++) {
            Statistics stats = expectation(x, n, d, mixture);
            trace.add(stats.meanLogLikelihood);
            if (it > 0 && stats.meanLogLikelihood - trace.get(it - 1) < settings.tolerance()) {
                converged = true;
                break;
            }
            if (it == settings.maxIterations()) {
                break;
            }
            mixture = maximisation(stats, mixture, settings.varianceFloor());
        }
        double[][] stds = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                stds[c][j] = Math.sqrt(mixture.variances[c][j]);
            }
        }
        double[] ll = trace.stream().mapToDouble(Double::doubleValue).toArray();
        return new GaussianMixtureFit(mixture.weights, mixture.means, stds, ll, converged);
    }

    private record Mixture(double[] weights, double[][] means, double[][] variances) {}

    /** Sufficient statistics of one E-step, centred on the current means so variances avoid cancellation. */
    private record Statistics(double[] mass, double[][] shift, double[][] square, double meanLogLikelihood) {}

    private static Mixture initialFromLabels(double[] x, int n, int d, KMeans.Clustering start, double floor) {
        int k = start.centres().length;
        int[] labels = start.labels();
        // The statistics of a hard assignment, centred on the k-means centres (the cluster means).
        Mixture centred = new Mixture(new double[k], start.centres(), globalVariances(x, n, d, k, floor));
        double[] mass = new double[k];
        double[][] shift = new double[k][d];
        double[][] square = new double[k][d];
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            mass[c] += 1;
            for (int j = 0; j < d; j++) {
                double diff = x[i * d + j] - centred.means[c][j];
                shift[c][j] += diff;
                square[c][j] += diff * diff;
            }
        }
        return maximisation(new Statistics(mass, shift, square, Double.NaN), centred, floor);
    }

    private static double[][] globalVariances(double[] x, int n, int d, int k, double floor) {
        double[] mean = new double[d];
        double[] var = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j] / n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double diff = x[i * d + j] - mean[j];
                var[j] += diff * diff / n;
            }
        }
        double[][] out = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                out[c][j] = Math.max(var[j], floor);
            }
        }
        return out;
    }

    private static Statistics expectation(double[] x, int n, int d, Mixture m) {
        int k = m.weights.length;
        double[] logCoefficient = new double[k];
        double[][] precision = new double[k][d];
        for (int c = 0; c < k; c++) {
            logCoefficient[c] = Math.log(m.weights[c]);
            for (int j = 0; j < d; j++) {
                logCoefficient[c] -= 0.5 * (LOG_2PI + Math.log(m.variances[c][j]));
                precision[c][j] = 1 / m.variances[c][j];
            }
        }
        double[] mass = new double[k];
        double[][] shift = new double[k][d];
        double[][] square = new double[k][d];
        double[] logJoint = new double[k];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double q = logCoefficient[c];
                for (int j = 0; j < d; j++) {
                    double diff = x[i * d + j] - m.means[c][j];
                    q -= 0.5 * diff * diff * precision[c][j];
                }
                logJoint[c] = q;
                max = Math.max(max, q);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(logJoint[c] - max);
            }
            double logLikelihood = max + Math.log(sum);
            total += logLikelihood;
            for (int c = 0; c < k; c++) {
                double r = Math.exp(logJoint[c] - logLikelihood);
                if (r == 0) {
                    continue;
                }
                mass[c] += r;
                for (int j = 0; j < d; j++) {
                    double diff = x[i * d + j] - m.means[c][j];
                    shift[c][j] += r * diff;
                    square[c][j] += r * diff * diff;
                }
            }
        }
        return new Statistics(mass, shift, square, total / n);
    }

    private static Mixture maximisation(Statistics s, Mixture previous, double floor) {
        int k = s.mass.length;
        int d = previous.means[0].length;
        double[] weights = new double[k];
        double[][] means = new double[k][d];
        double[][] variances = new double[k][d];
        double totalMass = 0;
        for (int c = 0; c < k; c++) {
            totalMass += s.mass[c] + MASS_JITTER;
        }
        for (int c = 0; c < k; c++) {
            weights[c] = (s.mass[c] + MASS_JITTER) / totalMass;
            for (int j = 0; j < d; j++) {
                if (s.mass[c] < EMPTY_MASS) {
                    means[c][j] = previous.means[c][j];
                    variances[c][j] = previous.variances[c][j];
                } else {
                    double offset = s.shift[c][j] / s.mass[c];
                    means[c][j] = previous.means[c][j] + offset;
                    variances[c][j] = Math.max(s.square[c][j] / s.mass[c] - offset * offset, floor);
                }
            }
        }
        return new Mixture(weights, means, variances);
    }
}
