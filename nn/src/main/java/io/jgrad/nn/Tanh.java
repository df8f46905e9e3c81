package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** The activation tanh(x) element-wise. */
public final class Tanh extends Layer {
    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }
}
