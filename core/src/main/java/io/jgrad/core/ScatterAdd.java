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
        for (int p = 0; p < index.length; p++) {
            int o = p / inner, i = p % inner;
            out[(o * n + index[p]) * inner + i] += in[p];
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
