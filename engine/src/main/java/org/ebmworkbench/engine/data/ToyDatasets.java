package org.ebmworkbench.engine.data;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The registry of toy datasets, in a fixed order: the 2-D checkerboard, gaussians25, gaussians8, four_circles,
 * funnel, pinwheel_snl, pinwheel_ed, two_moons, swiss_roll, rings, two_spirals, then the 1-D normal_1d. Each entry documents the official
 * generator it follows (SNL's {@code MissingDataDataset}, the ED notebooks, FFJORD's {@code toy_data.py}).
 */
public final class ToyDatasets {
    private static final List<ToyDataset> ALL = List.of(
            new Checkerboard(), IsotropicMixture.gaussians25(), IsotropicMixture.gaussians8(), new FourCircles(), new Funnel(),
            Pinwheel.snl(), Pinwheel.ed(), new TwoMoons(), new SwissRoll(), new Rings(), new TwoSpirals(), new Normal1d());

    private ToyDatasets() {}

    /** All toy datasets, in registry order (an unmodifiable list). */
    public static List<ToyDataset> all() {
        return ALL;
    }

    /**
     * The dataset registered under {@code name} (exact, case-sensitive).
     *
     * @throws IllegalArgumentException listing the known names if there is none
     */
    public static ToyDataset byName(String name) {
        for (ToyDataset d : ALL) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        String known = ALL.stream().map(ToyDataset::name).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown dataset '" + name + "'; known: " + known);
    }
}
