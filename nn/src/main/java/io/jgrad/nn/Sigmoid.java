package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** The activation σ(x) = 1 / (1 + e^−x) element-wise. */
public final class Sigmoid extends Layer {
    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }
}
