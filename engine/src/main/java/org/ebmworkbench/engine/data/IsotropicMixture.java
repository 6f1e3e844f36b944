package org.ebmworkbench.engine.data;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * An equal-weight mixture of isotropic 2-D Gaussians in the FFJORD/ED generator convention: a centre c drawn
 * uniformly, point = (c + noise·N(0, I)) / scale, so that the density is the mixture with centres c/scale and std
 * noise/scale. The 25- and 8-Gaussian toys are two instances ({@link #gaussians25()}, {@link #gaussians8()}).
 */
final class IsotropicMixture implements ToyDataset {
    /** The ED and FFJORD generators divide every point by 1.414. */
    static final double SCALE = 1.414;

    private final String name;
    private final String description;
    private final double[][] centres;
    private final double noise;
    private final double optimum;
    private final double[][] scaledCentres;
    private final double std;

    private IsotropicMixture(String name, String description, double[][] centres, double noise, double optimum) {
        this.name = name;
        this.description = description;
        this.centres = centres;
        this.noise = noise;
        this.optimum = optimum;
        this.scaledCentres = new double[centres.length][];
        for (int k = 0; k < centres.length; k++) {
            scaledCentres[k] = new double[] {centres[k][0] / SCALE, centres[k][1] / SCALE};
        }
        this.std = noise / SCALE;
    }

    /**
     * 25 Gaussians, the Energy Discrepancy notebook generator ({@code density_estimation.ipynb},
     * {@code inf_train_gen("25gaussians")}): centres {−4,−2,0,2,4}², noise 0.2, then /1.414 (the notebook's own
     * {@code log_prob_25gaussians}). E[log p] = −2.146 (Monte Carlo, ±0.005).
     */
    static IsotropicMixture gaussians25() {
        double[][] c = new double[25][];
        int k = 0;
        for (int a = -2; a <= 2; a++) {
            for (int b = -2; b <= 2; b++) {
                c[k++] = new double[] {2.0 * a, 2.0 * b};
            }
        }
        return new IsotropicMixture("gaussians25",
                "ED notebook generator: 25 equal Gaussians, centres {-4,-2,0,2,4}^2/1.414, std 0.2/1.414", c, 0.2, -2.146);
    }

    /**
     * 8 Gaussians, the FFJORD {@code toy_data.py} generator reused by ED and EB-GFN: centres
     * 4·{(±1,0), (0,±1), (±1/√2, ±1/√2)}, noise 0.5, then /1.414. E[log p] = −2.831 (Monte Carlo, ±0.005).
     */
    static IsotropicMixture gaussians8() {
        double r = 1.0 / Math.sqrt(2);
        double[][] unit = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {r, r}, {r, -r}, {-r, r}, {-r, -r}};
        double[][] c = new double[8][];
        for (int k = 0; k < 8; k++) {
            c[k] = new double[] {4.0 * unit[k][0], 4.0 * unit[k][1]};
        }
        return new IsotropicMixture("gaussians8",
                "ED/EB-GFN/FFJORD generator: 8 equal Gaussians on a radius-4/1.414 circle, std 0.5/1.414", c, 0.5, -2.831);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    /** Per point: two normal draws for the noise, then one uniform index for the centre (the generators' order). */
    @Override
    public Dataset sample(int n, SplittableRandom rng) {
        PointBuffer out = new PointBuffer(n);
        for (int i = 0; i < n; i++) {
            double px = noise * Gaussians.next(rng);
            double py = noise * Gaussians.next(rng);
            double[] c = centres[rng.nextInt(centres.length)];
            out.set(i, (px + c[0]) / SCALE, (py + c[1]) / SCALE);
        }
        return out.toDataset();
    }

    @Override
    public OptionalDouble optimalLogLikelihood() {
        return OptionalDouble.of(optimum);
    }

    @Override
    public boolean hasDensity() {
        return true;
    }

    @Override
    public double logDensity(double x, double y) {
        double[] terms = new double[scaledCentres.length];
        double max = Double.NEGATIVE_INFINITY;
        double var = std * std;
        for (int k = 0; k < scaledCentres.length; k++) {
            double dx = x - scaledCentres[k][0];
            double dy = y - scaledCentres[k][1];
            terms[k] = -(dx * dx + dy * dy) / (2 * var);
            max = Math.max(max, terms[k]);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum) - Math.log(scaledCentres.length) - Math.log(2 * Math.PI * var);
    }
}
