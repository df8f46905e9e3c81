package io.jgrad.core;

/**
 * One element along an axis for every other position, {@code out[o, i] = x[o, index[o, i], i]}; the
 * axis is dropped (logits [N, C] with labels [N] give each row's label entry). Backward: scatter
 * the gradient back to those positions ({@link ScatterAdd}).
 */
final class Gather extends Node {
    private final Shape inputShape;
    private final int axis;
    private final int[] index;

    private Gather(Tensor out, Tensor x, int axis, int[] index) {
        super("gather", out, x);
        this.inputShape = x.shape();
        this.axis = axis;
        this.index = index;
    }

    static Tensor apply(Tensor x, int axis, int[] index) {
        Shape s = x.shape();
        Shape outShape = s.without(axis);
        if (index.length != outShape.size()) {
            throw new IllegalArgumentException("gather: shape " + s + " along axis " + axis + " needs "
                    + outShape.size() + " indices (one per position of " + outShape + "), got "
                    + index.length);
        }
        int[] idx = IndexSelect.checkIndices("gather", index, s.dim(axis), axis, s);
        int n = s.dim(axis), inner = s.inner(axis);
        double[] in = x.data, out = new double[idx.length];
        // Position p = o·inner + i walked as two loops: no division per element.
        for (int p = 0, base = 0; p < idx.length && inner > 0; base += n * inner) {
            for (int i = 0; i < inner; i++, p++) {
                out[p] = in[base + idx[p] * inner + i];
            }
        }
        Tensor y = Tensor.wrap(out, outShape);
        if (Autograd.isRecording(x)) {
            new Gather(y, x, axis, idx);
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {ScatterAdd.apply(grad, axis, index, inputShape)};
    }
}
