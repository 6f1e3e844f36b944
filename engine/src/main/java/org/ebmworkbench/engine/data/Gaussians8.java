package org.ebmworkbench.engine.data;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * 8 Gaussians, the FFJORD {@code toy_data.py} generator reused by ED and EB-GFN: point = 0.5·N(0, I) + c with c
 * drawn uniformly from 4·{(±1,0), (0,±1), (±1/√2, ±1/√2)}, then divided by 1.414. Equivalently an equal mixture
 * with centres on the radius-4/1.414 circle and std 0.5/1.414. E[log p] = −2.831 (methods.md §1.3).
 */
final class Gaussians8 implements ToyDataset {
  static final double SCALE = 1.414;
  static final double NOISE = 0.5;
  static final double RADIUS = 4.0;
  private static final double[][] CENTRES;
  private static final IsotropicMixture DENSITY;

  static {
    double r = 1.0 / Math.sqrt(2);
    double[][] unit = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {r, r}, {r, -r}, {-r, r}, {-r, -r}};
    CENTRES = new double[8][];
    double[][] scaled = new double[8][];
    for (int k = 0; k < 8; k++) {
      CENTRES[k] = new double[] {RADIUS * unit[k][0], RADIUS * unit[k][1]};
      scaled[k] = new double[] {CENTRES[k][0] / SCALE, CENTRES[k][1] / SCALE};
    }
    DENSITY = new IsotropicMixture(scaled, NOISE / SCALE);
  }

  @Override
  public String name() {
    return "gaussians8";
  }

  @Override
  public String description() {
    return "ED/EB-GFN/FFJORD generator: 8 equal Gaussians on a radius-4/1.414 circle, std 0.5/1.414";
  }

  @Override
  public Dataset sample(int n, SplittableRandom rng) {
    PointBuffer out = new PointBuffer(n);
    for (int i = 0; i < n; i++) {
      double px = NOISE * Gaussians.next(rng);
      double py = NOISE * Gaussians.next(rng);
      double[] c = CENTRES[rng.nextInt(8)];
      out.set(i, (px + c[0]) / SCALE, (py + c[1]) / SCALE);
    }
    return out.toDataset();
  }

  @Override
  public OptionalDouble optimalLogLikelihood() {
    return OptionalDouble.of(-2.831);
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
