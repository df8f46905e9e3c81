package io.jgrad.nn;

import io.jgrad.core.Tensor;
import java.util.Objects;

/** The activation σ(x) = 1 / (1 + e^−x) element-wise. */
public final class Sigmoid extends Layer {
    @Override
    public Tensor forward(Tensor x) {
        Objects.requireNonNull(x, "Sigmoid.forward: x is null");
        return x.sigmoid();
    }
}
