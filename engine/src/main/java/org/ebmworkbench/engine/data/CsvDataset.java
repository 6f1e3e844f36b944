package org.ebmworkbench.engine.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Loads a numeric CSV file (UTF-8) into a {@link Dataset}. Conventions: fields are separated by commas and
 * trimmed; no quoting; blank lines and lines whose first non-blank character is {@code #} are ignored; the first
 * remaining line is a header (and skipped) if any of its fields is not a number, and must then have as many
 * fields as the data rows. Numbers are decimal ({@code 1}, {@code -2.5}, {@code .5}, {@code 3e-4}), parsed as
 * double and stored as float. Every problem is a {@link CsvFormatException} whose message names the file, the
 * 1-based line and, for a bad value, the 1-based column: ragged rows, non-numbers, NaN or infinite values (also
 * values beyond float range), no data rows, a missing file. Other I/O failures are {@link UncheckedIOException}.
 * An engine convention (docs/architecture.md §2, {@code data}); it follows no official code base.
 */
public final class CsvDataset {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");

    private CsvDataset() {}

    /** Reads {@code path}; see the class comment for the accepted format. */
    public static Dataset load(Path path) {
        String file = path.toString();
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(reader, file);
        } catch (NoSuchFileException e) {
            throw new CsvFormatException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new CsvFormatException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e, e);
        }
    }

    /**
     * Reads {@code path} as regression data: the columns named {@code inputs}, then those named {@code targets}, in
     * that order, by the names of the header row. A missing header, a name the header lacks, a name listed twice or
     * a column both input and target is a {@link CsvFormatException} naming the file and the header's line; values
     * are checked as by {@link #load}, with their line and column.
     */
    public static Dataset loadColumns(Path path, List<String> inputs, List<String> targets) {
        String file = path.toString();
        Dataset all = load(path);
        String[] header;
        int headerLine;
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            String line;
            do {
                line = reader.readLine();
                lineNo++;
            } while (line != null && (line.strip().isEmpty() || line.strip().startsWith("#")));
            header = line == null ? new String[0] : line.replace("\uFEFF", "").strip().split(",", -1);
            headerLine = lineNo;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e, e);
        }
        for (int j = 0; j < header.length; j++) {
            header[j] = header[j].strip();
        }
        if (!isHeader(header)) {
            throw new CsvFormatException(file + ":" + headerLine + ": columns are named by a header row, but line "
                    + headerLine + " holds numbers");
        }
        List<String> names = List.of(header);
        List<String> wanted = new ArrayList<>(inputs);
        wanted.addAll(targets);
        int[] columns = new int[wanted.size()];
        for (int k = 0; k < wanted.size(); k++) {
            String name = wanted.get(k);
            if (targets.contains(name) && inputs.contains(name)) {
                throw new CsvFormatException(file + ":" + headerLine + ": column '" + name
                        + "' is both an input and the target");
            }
            if (wanted.indexOf(name) != k) {
                throw new CsvFormatException(file + ":" + headerLine + ": column '" + name + "' is listed twice");
            }
            columns[k] = names.indexOf(name);
            if (columns[k] < 0) {
                throw new CsvFormatException(file + ":" + headerLine + ": no column named '" + name + "'; the header has "
                        + String.join(", ", names));
            }
        }
        float[] out = new float[all.size() * columns.length];
        for (int i = 0; i < all.size(); i++) {
            for (int k = 0; k < columns.length; k++) {
                out[i * columns.length + k] = all.get(i, columns[k]);
            }
        }
        return Dataset.wrap(out, all.size(), columns.length);
    }

    private static Dataset parse(BufferedReader reader, String file) throws IOException {
        float[] values = new float[1024];
        int count = 0;
        int width = -1;
        int firstDataLine = -1;
        int headerLine = -1;
        int headerWidth = -1;
        boolean seenContent = false;
        int lineNo = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split(",", -1);
            for (int j = 0; j < fields.length; j++) {
                fields[j] = fields[j].strip();
            }
            if (!seenContent) {
                seenContent = true;
                if (isHeader(fields)) {
                    headerLine = lineNo;
                    headerWidth = fields.length;
                    continue;
                }
            }
            if (width < 0) {
                width = fields.length;
                firstDataLine = lineNo;
                if (headerLine > 0 && headerWidth != width) {
                    throw new CsvFormatException(file + ":" + headerLine + ": header has " + headerWidth
                            + " names but the first data row (line " + lineNo + ") has " + width + " values");
                }
            } else if (fields.length != width) {
                throw new CsvFormatException(file + ":" + lineNo + ": row has " + fields.length
                        + " values but the first data row (line " + firstDataLine + ") has " + width);
            }
            if (count + width > values.length) {
                values = Arrays.copyOf(values, Math.max(2 * values.length, count + width));
            }
            for (int j = 0; j < width; j++) {
                values[count++] = parseValue(fields[j], file + ":" + lineNo + ":" + (j + 1) + ": ");
            }
        }
        if (width < 0) {
            throw new CsvFormatException(file + ": no data rows");
        }
        return Dataset.wrap(Arrays.copyOf(values, count), count / width, width);
    }

    private static boolean isHeader(String[] fields) {
        for (String f : fields) {
            if (!NUMBER.matcher(f).matches() && !NON_FINITE.matcher(f).matches()) {
                return true;
            }
        }
        return false;
    }

    private static float parseValue(String field, String where) {
        if (NUMBER.matcher(field).matches()) {
            float v = (float) Double.parseDouble(field);
            if (Float.isInfinite(v)) {
                throw new CsvFormatException(where + "'" + field + "' is beyond the float range");
            }
            return v;
        }
        if (NON_FINITE.matcher(field).matches()) {
            throw new CsvFormatException(where + "'" + field + "' is not a finite number (NaN and infinities are rejected)");
        }
        if (field.isEmpty()) {
            throw new CsvFormatException(where + "empty value where a number is expected");
        }
        throw new CsvFormatException(where + "'" + field + "' is not a number");
    }
}
