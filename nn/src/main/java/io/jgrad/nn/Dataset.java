package io.jgrad.nn;

import io.jgrad.core.NullChecks;
import io.jgrad.core.Tensor;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Examples in memory: features [n, f] (one example per row) and targets [n] (class labels stored as
 * doubles, or regression values), with the class names when the targets are labels.
 *
 * @param features   [n, f]
 * @param targets    [n]: integer class labels or real values
 * @param classNames names of classes 0, 1, ...; empty for regression targets
 */
public record Dataset(Tensor features, Tensor targets, List<String> classNames) {

    /** Checks the shapes agree and copies the class names. */
    public Dataset {
        Objects.requireNonNull(features, "Dataset: features is null");
        Objects.requireNonNull(targets, "Dataset: targets is null");
        NullChecks.elements(classNames, "Dataset", "classNames");
        if (features.dim() != 2) {
            throw new IllegalArgumentException("Dataset: features must be [examples, features], got shape "
                    + features.shape());
        }
        if (targets.dim() != 1 || targets.size() != features.shape().dim(0)) {
            throw new IllegalArgumentException("Dataset: targets must be [" + features.shape().dim(0)
                    + "] (one per row of features " + features.shape() + "), got shape " + targets.shape());
        }
        classNames = List.copyOf(classNames);
    }

    /** A train/test pair from {@link #split}. */
    public record Split(Dataset train, Dataset test) {
        /** Checks that both parts are given. */
        public Split {
            Objects.requireNonNull(train, "Split: train is null");
            Objects.requireNonNull(test, "Split: test is null");
        }
    }

    /** Number of examples. */
    public int size() {
        return features.shape().dim(0);
    }

    public int numFeatures() {
        return features.shape().dim(1);
    }

    public int numClasses() {
        return classNames.size();
    }

    /** The targets as integer class labels; an {@link IllegalStateException} if one is not an integer. */
    public int[] labels() {
        return toLabels(targets);
    }

    /** The examples at {@code rows}, in that order (repeats allowed). */
    public Dataset rows(int... rows) {
        Objects.requireNonNull(rows, "Dataset.rows: rows is null");
        return new Dataset(features.indexSelect(0, rows), targets.indexSelect(0, rows), classNames);
    }

    /** The same targets with other features (e.g. standardised ones) of the same number of rows. */
    public Dataset withFeatures(Tensor newFeatures) {
        Objects.requireNonNull(newFeatures, "Dataset.withFeatures: newFeatures is null");
        return new Dataset(newFeatures, targets, classNames);
    }

    /**
     * A random split: round(testFraction · n) examples, chosen by a permutation drawn from
     * {@code rng}, form the test set and the rest the training set (each keeps the shuffled order).
     */
    public Split split(double testFraction, RandomGenerator rng) {
        Objects.requireNonNull(rng, "Dataset.split: rng is null; pass a seeded generator");
        int n = size();
        long nTest = Math.round(testFraction * n);
        if (!(testFraction > 0.0 && testFraction < 1.0) || nTest < 1 || nTest >= n) {
            throw new IllegalArgumentException("Dataset.split: testFraction " + testFraction + " of " + n
                    + " examples gives " + nTest + " test examples; both parts need at least one");
        }
        int[] perm = permutation(n, rng);
        int[] test = java.util.Arrays.copyOfRange(perm, 0, (int) nTest);
        int[] train = java.util.Arrays.copyOfRange(perm, (int) nTest, n);
        return new Split(rows(train), rows(test));
    }

    /** Mini-batches in a fresh random order each epoch (each {@code iterator()} call), drawn from {@code rng}. */
    public Batches batches(int batchSize, RandomGenerator rng) {
        Objects.requireNonNull(rng, "Dataset.batches: rng is null; use batches(batchSize) for the stored order");
        return new Batches(this, batchSize, rng);
    }

    /** Mini-batches in the stored order, the same every epoch (for evaluation). */
    public Batches batches(int batchSize) {
        return new Batches(this, batchSize, null);
    }

    /** A uniformly random permutation of 0..n−1 (Fisher–Yates). */
    static int[] permutation(int n, RandomGenerator rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static int[] toLabels(Tensor targets) {
        double[] d = targets.data();
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (!(d[i] >= 0 && d[i] <= Integer.MAX_VALUE && d[i] == Math.rint(d[i]))) {
                throw new IllegalStateException("labels: target " + i + " is " + d[i]
                        + ", not a non-negative integer class label");
            }
            out[i] = (int) d[i];
        }
        return out;
    }

    @Override
    public String toString() {
        return "Dataset(" + size() + " examples, " + numFeatures() + " features"
                + (classNames.isEmpty() ? "" : ", classes " + classNames) + ")";
    }
}
