package org.ebmworkbench.engine.eval;

import java.util.Objects;

/**
 * A reason to doubt one metric's value, recorded beside it: [metric] is the metric's name, [mark] a few words that
 * the comparison table puts on the number it affects ("box misses mass"), and [text] the full explanation with the
 * measured amounts.
 *
 * @param metric the metric whose value it affects, e.g. {@code test_ll_grid}
 * @param mark a short label, the same for every occurrence of the same cause, so seeds can be counted by it
 * @param text the explanation, with numbers
 */
public record MetricWarning(String metric, String mark, String text) {
    public MetricWarning {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(mark, "mark");
        Objects.requireNonNull(text, "text");
    }
}
