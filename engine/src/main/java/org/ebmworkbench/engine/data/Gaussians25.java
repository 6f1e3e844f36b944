package org.ebmworkbench.engine.data;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * 25 Gaussians, the Energy Discrepancy notebook generator ({@code density_estimation.ipynb},
 * {@code inf_train_gen("25gaussians")}): a centre c drawn uniformly from {−4,−2,0,2,4}², point =
 * (c + 0.2·N(0, I)) / 1.414. Equivalently an equal mixture with centres c/1.414 and std 0.2/1.414 (the
 * notebook's own {@code log_prob_25gaussians}). E[log p] = −2.146 (methods.md §1.3).
 */
final class Gaussians25 implements ToyDataset {
  static final double SCALE = 1.414;
  static final double NOISE = 0.2;
  private static final double[][] CENTRES = new double[25][];
  private static final IsotropicMixture DENSITY;

  static {
    double[][] scaled = new double[25][];
    int k = 0;
    for (int a = -2; a <= 2; a++) {
      for (int b = -2; b <= 2; b++) {
        CENTRES[k] = new double[] {2.0 * a, 2.0 * b};
        scaled[k] = new double[] {2.0 * a / SCALE, 2.0 * b / SCALE};
        k++;
      }
    }
    DENSITY = new IsotropicMixture(scaled, NOISE / SCALE);
  }

  @Override
  public String name() {
    return "gaussians25";
  }

  @Override
  public String description() {
    return "ED notebook generator: 25 equal Gaussians, centres {-4,-2,0,2,4}^2/1.414, std 0.2/1.414";
  }

  @Override
  public Dataset sample(int n, SplittableRandom rng) {
    PointBuffer out = new PointBuffer(n);
    for (int i = 0; i < n; i++) {
      double px = NOISE * Gaussians.next(rng);
      double py = NOISE * Gaussians.next(rng);
      double[] c = CENTRES[rng.nextInt(25)];
      out.set(i, (px + c[0]) / SCALE, (py + c[1]) / SCALE);
    }
    return out.toDataset();
  }

  @Override
  public OptionalDouble optimalLogLikelihood() {
    return OptionalDouble.of(-2.146);
  }

  @Override
  public boolean hasDensity() {
    return true;
  }

  @Override
  public double logDensity(double x, double y) {
    return DENSITY.logDensity(x, y);
  }
}
