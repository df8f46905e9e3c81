package io.jgrad.nn;

import io.jgrad.core.Tensor;
import java.util.Objects;

/** The activation tanh(x) element-wise. */
public final class Tanh extends Layer {
    @Override
    public Tensor forward(Tensor x) {
        Objects.requireNonNull(x, "Tanh.forward: x is null");
        return x.tanh();
    }
}
