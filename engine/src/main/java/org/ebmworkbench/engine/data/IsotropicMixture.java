package org.ebmworkbench.engine.data;

/** Log-density of an equal-weight mixture of isotropic 2-D Gaussians (shared by the 25- and 8-Gaussian toys). */
final class IsotropicMixture {
  private final double[][] centres;
  private final double std;

  IsotropicMixture(double[][] centres, double std) {
    this.centres = centres;
    this.std = std;
  }

  double logDensity(double x, double y) {
    double[] terms = new double[centres.length];
    double max = Double.NEGATIVE_INFINITY;
    double var = std * std;
    for (int k = 0; k < centres.length; k++) {
      double dx = x - centres[k][0];
      double dy = y - centres[k][1];
      terms[k] = -(dx * dx + dy * dy) / (2 * var);
      max = Math.max(max, terms[k]);
    }
    double sum = 0;
    for (double t : terms) {
      sum += Math.exp(t - max);
    }
    return max + Math.log(sum) - Math.log(centres.length) - Math.log(2 * Math.PI * var);
  }
}
