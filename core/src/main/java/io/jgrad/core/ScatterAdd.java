package io.jgrad.core;

/**
 * Zeros of a given shape with {@code g[o, i]} added at {@code [o, index[o, i], i]} (the adjoint of
 * {@link Gather}). Backward: gather the gradient at the same positions.
 */
final class ScatterAdd extends Node {
    private final int axis;
    private final int[] index;

    private ScatterAdd(Tensor out, Tensor g, int axis, int[] index) {
        super("scatterAdd", out, g);
        this.axis = axis;
        this.index = index;
    }

    static Tensor apply(Tensor g, int axis, int[] index, Shape shape) {
        int n = shape.dim(axis), inner = shape.inner(axis);
        double[] in = g.data, out = new double[shape.size()];
        // Position p = o·inner + i walked as two loops: no division per element.
        for (int p = 0, base = 0; p < index.length && inner > 0; base += n * inner) {
            for (int i = 0; i < inner; i++, p++) {
                out[base + index[p] * inner + i] += in[p];
            }
        }
        Tensor y = Tensor.wrap(out, shape);
        if (Autograd.isRecording(g)) {
            new ScatterAdd(y, g, axis, index);
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {Gather.apply(grad, axis, index)};
    }
}
