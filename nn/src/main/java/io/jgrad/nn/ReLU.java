package io.jgrad.nn;

import io.jgrad.core.Tensor;
import java.util.Objects;

/** The activation max(x, 0) element-wise. */
public final class ReLU extends Layer {
    @Override
    public Tensor forward(Tensor x) {
        Objects.requireNonNull(x, "ReLU.forward: x is null");
        return x.relu();
    }
}
