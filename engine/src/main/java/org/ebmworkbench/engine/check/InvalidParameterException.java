package org.ebmworkbench.engine.check;

/**
 * A builder was given a value outside the range its parameter allows. The message is
 * {@code component.parameter must <requirement>, was <value>}; the parts are kept apart so that a caller with its
 * own names for the component and its parameters (the DSL: {@code energyDiscrepancy} for the engine's {@code ed})
 * can say the same thing in its own words without writing the check again.
 */
public final class InvalidParameterException extends IllegalArgumentException {
    private final String component;
    private final String parameter;
    private final String requirement;
    private final String value;

    public InvalidParameterException(String component, String parameter, String requirement, Object value) {
        super(component + "." + parameter + " must " + requirement + ", was " + value);
        this.component = component;
        this.parameter = parameter;
        this.requirement = requirement;
        this.value = String.valueOf(value);
    }

    /** The engine's name of the component, e.g. {@code ed} or {@code trainer}. */
    public String component() {
        return component;
    }

    /** The builder's name of the parameter, e.g. {@code t} or {@code batchSize}. */
    public String parameter() {
        return parameter;
    }

    /** What the value must be, e.g. {@code be > 0 and finite} without the leading "must". */
    public String requirement() {
        return requirement;
    }

    /** The rejected value as text. */
    public String value() {
        return value;
    }
}
