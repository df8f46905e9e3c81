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

    /** Applies this reduction to per-element losses. */
    Tensor apply(Tensor perElement) {
        switch (this) {
            case MEAN:
                return perElement.mean();
            case SUM:
                return perElement.sum();
            default:
                return perElement;
        }
    }
}
