package org.ebmworkbench.engine.data;

/**
 * A CSV file that {@link CsvDataset#load} cannot turn into a {@link Dataset}. The message starts with
 * {@code file:line:column:} (1-based; the column is left out for row-level problems and the line for file-level
 * ones), compiler-style, e.g. {@code data.csv:5:2: 'abc' is not a number}.
 */
public final class CsvFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given, already located, message. */
    public CsvFormatException(String message) {
        super(message);
    }
}
