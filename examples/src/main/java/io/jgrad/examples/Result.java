package io.jgrad.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Command} reports back besides its console output: named numbers (accuracies,
 * largest differences, timings) and the files it wrote, so that tests can assert its claims without
 * parsing text.
 *
 * <pre>{@code
 * Result result = new Result();
 * result.put("testAccuracy", acc);
 * result.addFile(Charts.lines(ctx.file("loss.png"), ...));
 * return result;
 * }</pre>
 */
public final class Result {
    private final Map<String, Double> values = new LinkedHashMap<>();
    private final List<Path> files = new ArrayList<>();

    /** Records a number under {@code key} (replacing an earlier one) and returns this result. */
    public Result put(String key, double value) {
        values.put(key, value);
        return this;
    }

    /** Records a file the command wrote and returns it, so calls can be chained. */
    public Path addFile(Path file) {
        files.add(file);
        return file;
    }

    /** The number recorded under {@code key}. */
    public double get(String key) {
        Double v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("Result.get: no value named '" + key + "'; recorded: " + values.keySet());
        }
        return v;
    }

    /** Every recorded number, in the order recorded. */
    public Map<String, Double> values() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Every recorded file, in the order recorded. */
    public List<Path> files() {
        return List.copyOf(files);
    }

    /** The recorded file whose name is {@code fileName} (e.g. "loss.png"). */
    public Path file(String fileName) {
        for (Path f : files) {
            if (f.getFileName().toString().equals(fileName)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Result.file: no file named '" + fileName + "'; written: " + files);
    }
}
