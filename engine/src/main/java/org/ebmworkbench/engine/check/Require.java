package org.ebmworkbench.engine.check;

/**
 * The range checks of the engine's builders: each throws an {@link InvalidParameterException} naming the component
 * and the parameter. Every parameter a script can set is checked here, once, by the builder that uses it.
 */
public final class Require {
    private Require() {}

    /** {@code value > 0} and finite. */
    public static void positive(String component, String parameter, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidParameterException(component, parameter, "be > 0 and finite", value);
        }
    }

    /** {@code value >= 0} and finite. */
    public static void nonNegative(String component, String parameter, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidParameterException(component, parameter, "be ≥ 0 and finite", value);
        }
    }

    /** {@code value >= min}. */
    public static void atLeast(String component, String parameter, long value, long min) {
        if (value < min) {
            throw new InvalidParameterException(component, parameter, "be ≥ " + min, value);
        }
    }

    /** {@code low <= value < high} (EMA decays, Adam's betas). */
    public static void inHalfOpen(String component, String parameter, double value, double low, double high) {
        if (!(value >= low && value < high)) {
            throw new InvalidParameterException(component, parameter, "be in [" + low + ", " + high + ")", value);
        }
    }

    /** {@code low < value < high}. */
    public static void inOpen(String component, String parameter, double value, double low, double high) {
        if (!(value > low && value < high)) {
            throw new InvalidParameterException(component, parameter, "be in (" + low + ", " + high + ")", value);
        }
    }

    /** {@code low <= value <= high}. */
    public static void inClosed(String component, String parameter, double value, double low, double high) {
        if (!(value >= low && value <= high)) {
            throw new InvalidParameterException(component, parameter, "be in [" + low + ", " + high + "]", value);
        }
    }

    /** A condition with its own wording, e.g. {@code "be ≤ the training set's 500 rows"}. */
    public static void that(boolean ok, String component, String parameter, String requirement, Object value) {
        if (!ok) {
            throw new InvalidParameterException(component, parameter, requirement, value);
        }
    }
}
