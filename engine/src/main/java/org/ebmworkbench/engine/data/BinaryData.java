package org.ebmworkbench.engine.data;

import org.ebmworkbench.engine.check.Require;

/** Checks of data on the binary hypercube {0, 1}^D, the domain of the discrete energies and proposals. */
public final class BinaryData {
    private BinaryData() {}

    /** The number of entries of {@code data} that are neither 0 nor 1. */
    public static long nonBinaryEntries(Dataset data) {
        long count = 0;
        for (float v : data.toArray()) {
            if (v != 0f && v != 1f) {
                count++;
            }
        }
        return count;
    }

    /** Throws a parameter error of {@code component} unless every entry of {@code data} is 0 or 1. */
    public static void require(String component, String parameter, Dataset data) {
        long bad = nonBinaryEntries(data);
        Require.that(bad == 0, component, parameter, "be binary (every entry 0 or 1)",
                bad + " of " + (long) data.size() * data.dim() + " entries are not");
    }
}
