package org.ebmworkbench.engine.data;

/**
 * log of the exponentially scaled modified Bessel function I0e(z) = e^{−z} I0(z), z ≥ 0, from the polynomial
 * approximations of Abramowitz &amp; Stegun 9.8.1 (z ≤ 3.75) and 9.8.2 (z > 3.75), relative error below 5e-7.
 */
final class Bessel {
    private Bessel() {}

    static double logI0e(double z) {
        if (z < 0) {
            throw new IllegalArgumentException("logI0e needs z >= 0, got " + z);
        }
        if (z <= 3.75) {
            double t = (z / 3.75) * (z / 3.75);
            double i0 = 1 + t * (3.5156229 + t * (3.0899424 + t * (1.2067492
                    + t * (0.2659732 + t * (0.0360768 + t * 0.0045813)))));
            return Math.log(i0) - z;
        }
        double u = 3.75 / z;
        double p = 0.39894228 + u * (0.01328592 + u * (0.00225319 + u * (-0.00157565 + u * (0.00916281
                + u * (-0.02057706 + u * (0.02635537 + u * (-0.01647633 + u * 0.00392377)))))));
        return Math.log(p) - 0.5 * Math.log(z);
    }
}
