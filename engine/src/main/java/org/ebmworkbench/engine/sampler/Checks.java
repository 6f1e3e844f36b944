package org.ebmworkbench.engine.sampler;

import org.ebmworkbench.engine.check.Require;

/** Builder validation of the samplers: {@link Require}'s checks under the samplers' own short names. */
final class Checks {
    private Checks() {}

    static void positive(String sampler, String option, double value) {
        Require.positive(sampler, option, value);
    }

    static void nonNegative(String sampler, String option, double value) {
        Require.nonNegative(sampler, option, value);
    }

    static void atLeastOne(String sampler, String option, int value) {
        Require.atLeast(sampler, option, value, 1);
    }
}
