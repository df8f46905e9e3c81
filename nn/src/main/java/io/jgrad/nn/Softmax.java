package io.jgrad.nn;

import io.jgrad.core.Tensor;
import java.util.Objects;

/**
 * Softmax along an axis (default the last): probabilities that sum to 1, computed stably. For
 * training a classifier, feed the logits to {@link Losses#crossEntropy} instead, which is more
 * accurate than the log of this layer's output.
 */
public final class Softmax extends Layer {
    private final int axis;

    public Softmax() {
        this(-1);
    }

    public Softmax(int axis) {
        this.axis = axis;
    }

    @Override
    public Tensor forward(Tensor x) {
        Objects.requireNonNull(x, "Softmax.forward: x is null");
        return x.softmax(axis);
    }

    @Override
    public String toString() {
        return "Softmax(axis=" + axis + ")";
    }
}
