package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** The activation max(x, 0) element-wise. */
public final class ReLU extends Layer {
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
