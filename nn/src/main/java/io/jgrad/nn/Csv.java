package io.jgrad.nn;

import io.jgrad.core.Tensor;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads comma-separated numeric files: plain tables ({@link #readMatrix}) and labelled data sets
 * ({@link #readDataset}) in the format of the project's {@code shared/data}. Files starting with the
 * gzip magic bytes are decompressed, whatever their name. Blank lines are skipped; fields may be
 * surrounded by spaces. A bad row (wrong number of columns, a field that is not a decimal number,
 * NaN or infinity, a bad label) is an {@link IllegalArgumentException} naming the file and line.
 */
public final class Csv {
    /** A decimal number as written in data files: no hex, no NaN/Infinity, no Java 'd'/'f' suffix. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Csv() {
    }

    /**
     * A table of numbers as a tensor [rows, columns]; with {@code header} the first non-blank line
     * is skipped. Every row must have as many values as the first.
     */
    public static Tensor readMatrix(Path file, boolean header) throws IOException {
        Objects.requireNonNull(file, "Csv.readMatrix: file is null");
        try (BufferedReader in = open(file)) {
            Lines lines = new Lines(file, in);
            if (header) {
                lines.next();
            }
            Table t = Table.read(lines, -1);
            if (t.rows.isEmpty()) {
                throw new IllegalArgumentException(file + ": no data rows");
            }
            return Tensor.of(t.rows.toArray(new double[0][]));
        }
    }

    /**
     * A labelled data set: each row holds the features and, last, an integer class label ≥ 0.
     * If the first line contains a field that is not a number, it is the header
     * {@code N,F,className0,className1,...} (rows, features, class names), and the file must then
     * have exactly N rows of F + 1 values with labels below the number of class names. Without a
     * header the rows must all have the length of the first, and the classes are named "0" to the
     * largest label.
     */
    public static Dataset readDataset(Path file) throws IOException {
        Objects.requireNonNull(file, "Csv.readDataset: file is null");
        try (BufferedReader in = open(file)) {
            Lines lines = new Lines(file, in);
            String[] first = lines.peek();
            if (first == null) {
                throw new IllegalArgumentException(file + ": the file is empty; expected a header or data rows");
            }
            Header header = isNumericRow(first) ? null : Header.parse(file, lines.next(), lines.lineNumber);
            Table t = Table.read(lines, header == null ? -1 : header.features + 1);
            if (header != null && t.rows.size() != header.rows) {
                throw new IllegalArgumentException(file + ": the header declares " + header.rows + " rows but "
                        + t.rows.size() + " were found");
            }
            if (t.rows.isEmpty()) {
                throw new IllegalArgumentException(file + ": no data rows");
            }
            int cols = t.rows.get(0).length;
            if (cols < 2) {
                throw new IllegalArgumentException(file + ": rows have " + cols
                        + " value; a labelled row needs at least one feature and a label");
            }
            int n = t.rows.size();
            double[] features = new double[n * (cols - 1)];
            double[] labels = new double[n];
            int maxLabel = 0;
            for (int r = 0; r < n; r++) {
                double[] row = t.rows.get(r);
                System.arraycopy(row, 0, features, r * (cols - 1), cols - 1);
                int label = label(file, t.lines[r], row[cols - 1], header);
                labels[r] = label;
                maxLabel = Math.max(maxLabel, label);
            }
            List<String> names = header != null ? header.classNames : defaultNames(maxLabel + 1);
            return new Dataset(Tensor.of(features, n, cols - 1), Tensor.of(labels, n), names);
        }
    }

    private static int label(Path file, int line, double v, Header header) {
        if (!(v >= 0 && v == Math.rint(v) && v <= Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(file + ":" + line + ": label " + v
                    + " (last column) is not a non-negative integer");
        }
        if (header != null && v >= header.classNames.size()) {
            throw new IllegalArgumentException(file + ":" + line + ": label " + (int) v + " is out of range for the "
                    + header.classNames.size() + " classes " + header.classNames + " named in the header");
        }
        return (int) v;
    }

    private static List<String> defaultNames(int classes) {
        List<String> names = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }

    private static boolean isNumericRow(String[] fields) {
        for (String f : fields) {
            if (!NUMBER.matcher(f).matches()) {
                return false;
            }
        }
        return true;
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        try {
            raw.mark(2);
            int b0 = raw.read(), b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw) : raw;
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** The non-blank lines of a file split into trimmed fields, with their 1-based line numbers. */
    private static final class Lines {
        final Path file;
        private final BufferedReader in;
        private String[] peeked;
        private int peekedLine;
        int lineNumber;
        private int read;

        Lines(Path file, BufferedReader in) {
            this.file = file;
            this.in = in;
        }

        String[] peek() throws IOException {
            if (peeked == null) {
                String s;
                do {
                    s = in.readLine();
                    read++;
                } while (s != null && s.isBlank());
                if (s == null) {
                    return null;
                }
                peeked = s.split(",", -1);
                for (int i = 0; i < peeked.length; i++) {
                    peeked[i] = peeked[i].trim();
                }
                peekedLine = read;
            }
            return peeked;
        }

        /** The next row's fields (then {@link #lineNumber} is its line), or null at the end. */
        String[] next() throws IOException {
            String[] r = peek();
            peeked = null;
            lineNumber = peekedLine;
            return r;
        }
    }

    /** The header line {@code N,F,className0,...} of the shared data sets. */
    private record Header(int rows, int features, List<String> classNames) {
        static Header parse(Path file, String[] f, int line) {
            String expected = "expected a header N,F,className0,className1,... (rows, features, class names)"
                    + " or a row of numbers";
            if (f.length < 3) {
                throw new IllegalArgumentException(file + ":" + line + ": " + expected + ", found \""
                        + String.join(",", f) + "\"");
            }
            int rows, features;
            try {
                rows = Integer.parseInt(f[0]);
                features = Integer.parseInt(f[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + line + ": " + expected + ", but \"" + f[0] + "\" or \""
                        + f[1] + "\" is not an integer");
            }
            if (rows < 0 || features < 1) {
                throw new IllegalArgumentException(file + ":" + line + ": header declares " + rows + " rows and "
                        + features + " features; need rows >= 0 and features >= 1");
            }
            return new Header(rows, features, List.of(f).subList(2, f.length));
        }
    }

    /** Rows of finite numbers, all of one length, with the line each came from. */
    private static final class Table {
        final List<double[]> rows = new ArrayList<>();
        int[] lines = new int[16];

        /** Reads the remaining lines; {@code columns} is the required length, or −1 for the first row's. */
        static Table read(Lines src, int columns) throws IOException {
            Table t = new Table();
            int cols = columns;
            for (String[] f = src.next(); f != null; f = src.next()) {
                int line = src.lineNumber;
                if (cols < 0) {
                    cols = f.length;
                }
                if (f.length != cols) {
                    throw new IllegalArgumentException(src.file + ":" + line + ": expected " + cols + " values, found "
                            + f.length + (columns < 0 ? " (the first row has " + cols + ")" : ""));
                }
                double[] row = new double[cols];
                for (int c = 0; c < cols; c++) {
                    row[c] = number(src.file, line, c, f[c]);
                }
                if (t.rows.size() == t.lines.length) {
                    t.lines = java.util.Arrays.copyOf(t.lines, 2 * t.lines.length);
                }
                t.lines[t.rows.size()] = line;
                t.rows.add(row);
            }
            return t;
        }

        private static double number(Path file, int line, int column, String field) {
            if (!NUMBER.matcher(field).matches()) {
                throw new IllegalArgumentException(file + ":" + line + ": column " + (column + 1) + " is \"" + field
                        + "\", not a number" + (field.equalsIgnoreCase("nan") ? " (missing values are not supported)" : ""));
            }
            double v = Double.parseDouble(field);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(file + ":" + line + ": column " + (column + 1) + " is \"" + field
                        + "\", too large for a double");
            }
            return v;
        }
    }
}
