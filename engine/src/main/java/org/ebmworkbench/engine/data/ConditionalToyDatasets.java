package org.ebmworkbench.engine.data;

import java.util.List;
import java.util.stream.Collectors;

/** The registry of conditional (regression) toy datasets, in a fixed order: regression_toy1, regression_toy2. */
public final class ConditionalToyDatasets {
    private static final List<ConditionalToyDataset> ALL = List.of(new RegressionToy1(), new RegressionToy2());

    private ConditionalToyDatasets() {}

    /** All conditional toy datasets, in registry order (an unmodifiable list). */
    public static List<ConditionalToyDataset> all() {
        return ALL;
    }

    /**
     * The dataset registered under {@code name} (exact, case-sensitive).
     *
     * @throws IllegalArgumentException listing the known names if there is none
     */
    public static ConditionalToyDataset byName(String name) {
        for (ConditionalToyDataset d : ALL) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        String known = ALL.stream().map(ConditionalToyDataset::name).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown regression dataset '" + name + "'; known: " + known);
    }
}
