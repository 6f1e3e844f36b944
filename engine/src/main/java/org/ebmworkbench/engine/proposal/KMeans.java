package org.ebmworkbench.engine.proposal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means on the host in double precision: k-means++ seeding (Arthur &amp; Vassilvitskii 2007), then Lloyd
 * iterations until no label changes (at most {@link #MAX_LLOYD_ITERATIONS}). This is the "k-means init" of SNL's
 * GMM proposal (docs/methods.md §5.4), which is scikit-learn's {@code GaussianMixture(init_params="kmeans")}: one
 * k-means run from a k-means++ start. Each iteration is O(n·k·d).
 */
final class KMeans {
    static final int MAX_LLOYD_ITERATIONS = 100;

    private KMeans() {}

    /** Centres (k rows of d) and the label of every data row, consistent with each other. */
    record Clustering(double[][] centres, int[] labels) {}

    /** Clusters the n rows of the row-major n×d array {@code x}; needs n >= k. */
    static Clustering cluster(double[] x, int n, int d, int k, SplittableRandom rng) {
        double[][] centres = seedPlusPlus(x, n, d, k, rng);
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        for (int it = 0; it < MAX_LLOYD_ITERATIONS; it++) {
            if (!assign(x, n, d, centres, labels)) {
                break;
            }
            double[][] sums = new double[k][d];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[labels[i]]++;
                for (int j = 0; j < d; j++) {
                    sums[labels[i]][j] += x[i * d + j];
                }
            }
            for (int c = 0; c < k; c++) {
                // An emptied cluster keeps its old centre; EM's fallback handles a component with no points.
                if (counts[c] > 0) {
                    for (int j = 0; j < d; j++) {
                        centres[c][j] = sums[c][j] / counts[c];
                    }
                }
            }
        }
        return new Clustering(centres, labels);
    }

    /** k-means++: the first centre uniformly, each next one with probability ∝ squared distance to the nearest. */
    private static double[][] seedPlusPlus(double[] x, int n, int d, int k, SplittableRandom rng) {
        double[][] centres = new double[k][];
        centres[0] = row(x, rng.nextInt(n), d);
        double[] nearest = new double[n];
        for (int i = 0; i < n; i++) {
            nearest[i] = squaredDistance(x, i, centres[0], d);
        }
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double v : nearest) {
                total += v;
            }
            int pick;
            if (total > 0) {
                double u = rng.nextDouble() * total;
                pick = -1;
                double cumulative = 0;
                for (int i = 0; i < n && pick < 0; i++) {
                    cumulative += nearest[i];
                    if (u < cumulative) {
                        pick = i;
                    }
                }
                if (pick < 0) {
                    // u landed on the rounding slack at the very end: take the last point with positive weight.
                    pick = n - 1;
                    while (nearest[pick] == 0) {
                        pick--;
                    }
                }
            } else {
                // Every point coincides with a chosen centre (fewer distinct points than k).
                pick = rng.nextInt(n);
            }
            centres[c] = row(x, pick, d);
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], squaredDistance(x, i, centres[c], d));
            }
        }
        return centres;
    }

    /** Labels each row with its nearest centre (lowest index on ties); true if any label changed. */
    private static boolean assign(double[] x, int n, int d, double[][] centres, int[] labels) {
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centres.length; c++) {
                double dist = squaredDistance(x, i, centres[c], d);
                if (dist < bestDistance) {
                    bestDistance = dist;
                    best = c;
                }
            }
            if (labels[i] != best) {
                labels[i] = best;
                changed = true;
            }
        }
        return changed;
    }

    private static double squaredDistance(double[] x, int i, double[] centre, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double diff = x[i * d + j] - centre[j];
            s += diff * diff;
        }
        return s;
    }

    private static double[] row(double[] x, int i, int d) {
        return Arrays.copyOfRange(x, i * d, (i + 1) * d);
    }
}
