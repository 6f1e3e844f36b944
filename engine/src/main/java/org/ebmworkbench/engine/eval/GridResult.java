package org.ebmworkbench.engine.eval;

import java.util.List;

/**
 * Result of {@link GridLogLikelihood}.
 *
 * @param logDensity normalised log-density at the grid points, row-major with x varying fastest (row index = y)
 * @param finerLogLikelihood the value at twice the resolution (NaN when not checked)
 * @param widerLogLikelihood the value on twice the box (NaN when not checked)
 * @param warnings test points outside the box and self-check failures; empty when no test point lies outside the
 *     box and the value is converged to {@link GridLogLikelihood#TOLERANCE}
 */
public record GridResult(
        double logLikelihood,
        double logZ,
        double box,
        int resolution,
        int dim,
        float[] logDensity,
        double finerLogLikelihood,
        double widerLogLikelihood,
        List<MetricWarning> warnings) {
    public GridResult {
        warnings = List.copyOf(warnings);
    }
}
