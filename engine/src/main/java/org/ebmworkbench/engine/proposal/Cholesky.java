package org.ebmworkbench.engine.proposal;

/** Small dense linear algebra on the host for proposal set-up (D is the data dimension, tiny). */
final class Cholesky {
    private Cholesky() {}

    /** Lower-triangular L with A = L Lᵀ; fails clearly when A is not symmetric positive definite. */
    static double[][] factor(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                if (Math.abs(a[i][j] - a[j][i]) > 1e-9 * (1 + Math.abs(a[i][j]))) {
                    throw new IllegalArgumentException("covariance is not symmetric at (" + i + ", " + j + ")");
                }
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("covariance is not positive definite (pivot " + i + " = " + s + ")");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    static double[][] invertLower(double[][] l) {
        int d = l.length;
        double[][] inv = new double[d][d];
        for (int col = 0; col < d; col++) {
            for (int i = col; i < d; i++) {
                double s = i == col ? 1 : 0;
                for (int k = col; k < i; k++) {
                    s -= l[i][k] * inv[k][col];
                }
                inv[i][col] = s / l[i][i];
            }
        }
        return inv;
    }

    static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    static float[][] toFloatRows(double[][] m) {
        float[][] f = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
            f[i] = new float[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                f[i][j] = (float) m[i][j];
            }
        }
        return f;
    }
}
