package io.jgrad.nn;

import io.jgrad.core.Tensor;
import java.util.Objects;

/**
 * One mini-batch: features [b, f] and targets [b] (see {@link Dataset}); neither requires grad.
 *
 * @param x features, [b, f]
 * @param y targets, [b]
 */
public record Batch(Tensor x, Tensor y) {

    /** Checks that there is one target per example. */
    public Batch {
        Objects.requireNonNull(x, "Batch: x is null");
        Objects.requireNonNull(y, "Batch: y is null");
        if (x.dim() == 0 || y.dim() == 0 || x.shape().dim(0) != y.shape().dim(0)) {
            throw new IllegalArgumentException("Batch: features of shape " + x.shape() + " and targets of shape "
                    + y.shape() + " do not have the same number of examples; pass x [b, f] and y [b]");
        }
    }

    /** Number of examples. */
    public int size() {
        return x.shape().dim(0);
    }

    /** The targets as integer class labels (for {@link Losses#crossEntropy}). */
    public int[] labels() {
        return Dataset.toLabels(y);
    }

    /** The targets as a column [b, 1], the shape of a one-output model (for {@link Losses#bceWithLogits}). */
    public Tensor yColumn() {
        return y.reshape(-1, 1);
    }
}
