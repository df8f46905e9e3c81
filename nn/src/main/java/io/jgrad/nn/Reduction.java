package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** How a loss combines its per-element (or per-example) values, as PyTorch's {@code reduction}. */
public enum Reduction {
    /** The mean: a scalar (the default). */
    MEAN,
    /** The sum: a scalar. */
    SUM,
    /** No reduction: the per-element (or per-example) losses. */
    NONE;

    /**
     * Applies this reduction to the per-element losses of {@code loss}; the mean of no elements is
     * undefined and refused (as core's {@code mean()}), naming the loss.
     */
    Tensor apply(String loss, Tensor perElement) {
        switch (this) {
            case MEAN:
                if (perElement.size() == 0) {
                    throw new IllegalArgumentException(loss + ": no elements to average (shape " + perElement.shape()
                            + "); the mean of an empty batch is undefined — pass at least one example or use SUM");
                }
                return perElement.mean();
            case SUM:
                return perElement.sum();
            default:
                return perElement;
        }
    }
}
