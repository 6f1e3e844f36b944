package org.ebmworkbench.engine.sampler;

/** Builder validation with messages that name the sampler and the option. */
final class Checks {
    private Checks() {}

    static void positive(String sampler, String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(sampler + ": " + option + " must be positive and finite, was " + value);
        }
    }

    static void nonNegative(String sampler, String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(sampler + ": " + option + " must be >= 0 and finite, was " + value);
        }
    }

    static void atLeastOne(String sampler, String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(sampler + ": " + option + " must be >= 1, was " + value);
        }
    }
}
