package io.jgrad.core;

/**
 * Zeros of a given shape with each slice of g added at its index along one axis (the adjoint of
 * {@link IndexSelect}). Backward: select the same slices of the gradient.
 */
final class IndexAdd extends Node {
    private final int axis;
    private final int[] indices;

    private IndexAdd(Tensor out, Tensor g, int axis, int[] indices) {
        super("indexAdd", out, g);
        this.axis = axis;
        this.indices = indices;
    }

    static Tensor apply(Tensor g, int axis, int[] indices, Shape shape) {
        int n = shape.dim(axis), outer = shape.outer(axis), inner = shape.inner(axis);
        double[] in = g.data, out = new double[shape.size()];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < indices.length; j++) {
                int src = (o * indices.length + j) * inner, dst = (o * n + indices[j]) * inner;
                for (int i = 0; i < inner; i++) {
                    out[dst + i] += in[src + i];
                }
            }
        }
        Tensor y = Tensor.wrap(out, shape);
        if (Autograd.isRecording(g)) {
            new IndexAdd(y, g, axis, indices);
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {IndexSelect.apply(grad, axis, indices)};
    }
}
