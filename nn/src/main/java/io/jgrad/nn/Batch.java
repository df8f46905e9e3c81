package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * One mini-batch: features [b, f] and targets [b] (see {@link Dataset}); neither requires grad.
 *
 * @param x features, [b, f]
 * @param y targets, [b]
 */
public record Batch(Tensor x, Tensor y) {

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
