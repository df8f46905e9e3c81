package io.jgrad.examples;

import io.jgrad.core.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A small labelled data set held in memory: one example per row of {@code features}, its class in
 * {@code labels}. The bundled sets (see {@code data/README.md} in the resources for their sources
 * and licence) load from the classpath with {@link #digits()}, {@link #breastCancer()} and
 * {@link #iris()}.
 *
 * @param name       for printing
 * @param features   [n][f] values
 * @param labels     n class indices in {@code 0 .. classNames.size() - 1}
 * @param classNames the name of each class
 */
public record Dataset(String name, double[][] features, int[] labels, List<String> classNames) {
    /** A training part and a test part of one data set. */
    public record Split(Dataset train, Dataset test) {
        /**
         * Both parts standardised with the training part's mean and standard deviation per feature,
         * so nothing about the test part leaks into training.
         */
        public Split standardised() {
            int f = train.numFeatures();
            double[] mean = new double[f];
            double[] std = new double[f];
            for (double[] row : train.features) {
                for (int j = 0; j < f; j++) {
                    mean[j] += row[j] / train.size();
                }
            }
            for (double[] row : train.features) {
                for (int j = 0; j < f; j++) {
                    std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / train.size();
                }
            }
            for (int j = 0; j < f; j++) {
                // A constant feature (a digit pixel that is always blank) stays 0 instead of NaN.
                std[j] = std[j] > 0 ? Math.sqrt(std[j]) : 1.0;
            }
            return new Split(train.shifted(mean, std), test.shifted(mean, std));
        }
    }

    public Dataset {
        if (features.length != labels.length) {
            throw new IllegalArgumentException("Dataset " + name + ": " + features.length + " rows of features but "
                    + labels.length + " labels; give one label per row");
        }
        classNames = List.copyOf(classNames);
    }

    /** 1,797 handwritten digits, 8 × 8 pixels with values 0..16, classes 0..9. */
    public static Dataset digits() {
        return readCsv("digits", "data/digits.csv.gz", false);
    }

    /** 569 breast-cancer cell nuclei, 30 measurements, class 0 = malignant, 1 = benign. */
    public static Dataset breastCancer() {
        return readCsv("breast cancer", "data/breast_cancer.csv", true);
    }

    /** 150 iris flowers, 4 measurements, 3 species. */
    public static Dataset iris() {
        return readCsv("iris", "data/iris.csv", true);
    }

    public int size() {
        return labels.length;
    }

    public int numFeatures() {
        return features.length == 0 ? 0 : features[0].length;
    }

    public int numClasses() {
        return classNames.size();
    }

    /** The features as a [n, f] tensor. */
    public Tensor x() {
        return Tensor.of(features);
    }

    /** The labels as a [n, 1] tensor of 0.0 and 1.0 (for a two-class set and a sigmoid output). */
    public Tensor yColumn() {
        double[] y = new double[labels.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[i];
        }
        return Tensor.of(y, labels.length, 1);
    }

    /** The examples at {@code rows}, in that order. */
    public Dataset rows(int[] rows) {
        double[][] f = new double[rows.length][];
        int[] l = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            f[i] = features[rows[i]];
            l[i] = labels[rows[i]];
        }
        return new Dataset(name, f, l, classNames);
    }

    /** The first {@code n} examples (or all, if there are fewer). */
    public Dataset head(int n) {
        int[] rows = new int[Math.min(n, size())];
        Arrays.setAll(rows, i -> i);
        return rows(rows);
    }

    /** A random {@code testFraction} of the examples for testing, the rest for training. */
    public Split split(double testFraction, RandomGenerator rng) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("Dataset.split: testFraction must be in (0, 1), got " + testFraction);
        }
        int[] order = new int[size()];
        Arrays.setAll(order, i -> i);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int nTest = (int) Math.round(testFraction * size());
        return new Split(rows(Arrays.copyOfRange(order, nTest, order.length)), rows(Arrays.copyOfRange(order, 0, nTest)));
    }

    private Dataset shifted(double[] mean, double[] std) {
        double[][] f = new double[size()][numFeatures()];
        for (int i = 0; i < f.length; i++) {
            for (int j = 0; j < f[i].length; j++) {
                f[i][j] = (features[i][j] - mean[j]) / std[j];
            }
        }
        return new Dataset(name, f, labels, classNames);
    }

    /**
     * Reads a bundled CSV: each line holds the feature values and, last, the integer label. With a
     * header, the first line is {@code N,F,class0,class1,...}; without, the classes are 0..max.
     */
    private static Dataset readCsv(String name, String resource, boolean header) {
        try (InputStream raw = Dataset.class.getClassLoader().getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("Dataset " + name + ": resource " + resource
                        + " is not on the classpath; rebuild the examples jar");
            }
            InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> classNames = new ArrayList<>();
            if (header) {
                String[] h = reader.readLine().split(",");
                classNames.addAll(Arrays.asList(h).subList(2, h.length));
            }
            List<double[]> rows = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                double[] row = new double[cells.length - 1];
                for (int j = 0; j < row.length; j++) {
                    row[j] = Double.parseDouble(cells[j]);
                }
                rows.add(row);
                labels.add(Integer.parseInt(cells[cells.length - 1].trim()));
            }
            int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
            if (!header) {
                int classes = Arrays.stream(y).max().orElse(-1) + 1;
                for (int c = 0; c < classes; c++) {
                    classNames.add(Integer.toString(c));
                }
            }
            return new Dataset(name, rows.toArray(new double[0][]), y, classNames);
        } catch (IOException e) {
            throw new UncheckedIOException("Dataset " + name + ": cannot read " + resource, e);
        }
    }
}
