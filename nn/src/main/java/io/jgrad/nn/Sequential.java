package io.jgrad.nn;

import io.jgrad.core.NullChecks;
import io.jgrad.core.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * Layers applied one after the other; child i is named {@code "i"}, so parameters are named
 * {@code "0.weight"}, {@code "0.bias"}, {@code "2.weight"}, ...
 *
 * <p>A {@link Dense} directly followed by a {@link ReLU} runs as one fused op
 * ({@link Tensor#linearRelu}): the same values and gradients, one output array instead of two.
 */
public final class Sequential extends Layer {
    private final List<Layer> layers;

    public Sequential(Layer... layers) {
        NullChecks.elements(layers, "Sequential", "layers");
        if (layers.length == 0) {
            throw new IllegalArgumentException("Sequential: needs at least one layer");
        }
        this.layers = List.of(layers);
        for (int i = 0; i < layers.length; i++) {
            registerLayer(Integer.toString(i), layers[i]);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        Objects.requireNonNull(x, "Sequential.forward: x is null");
        Tensor h = x;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer instanceof Dense dense && i + 1 < layers.size() && layers.get(i + 1) instanceof ReLU) {
                h = dense.forwardRelu(h);
                i++;   // the ReLU ran inside
            } else {
                h = layer.forward(h);
            }
        }
        return h;
    }

    /** The layers in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** The i-th layer. */
    public Layer get(int i) {
        if (i < 0 || i >= layers.size()) {
            throw new IndexOutOfBoundsException("Sequential.get: index " + i + " out of range for "
                    + layers.size() + " layers");
        }
        return layers.get(i);
    }
}
