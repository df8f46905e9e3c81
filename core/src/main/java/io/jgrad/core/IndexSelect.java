package io.jgrad.core;

/**
 * The slices of x at the given indices along one axis (e.g. the rows of a mini-batch), in that
 * order, repeats allowed. Backward: add each gradient slice back at its index ({@link IndexAdd}).
 */
final class IndexSelect extends Node {
    private final Shape inputShape;
    private final int axis;
    private final int[] indices;

    private IndexSelect(Tensor out, Tensor x, int axis, int[] indices) {
        super("indexSelect", out, x);
        this.inputShape = x.shape();
        this.axis = axis;
        this.indices = indices;
    }

    static Tensor apply(Tensor x, int axis, int[] indices) {
        Shape s = x.shape();
        int n = s.dim(axis);
        int[] idx = checkIndices("indexSelect", indices, n, axis, s);
        int outer = s.outer(axis), inner = s.inner(axis);
        double[] in = x.data, out = new double[outer * idx.length * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < idx.length; j++) {
                System.arraycopy(in, (o * n + idx[j]) * inner, out, (o * idx.length + j) * inner, inner);
            }
        }
        Tensor y = Tensor.wrap(out, s.with(axis, idx.length));
        if (Autograd.isRecording(x)) {
            new IndexSelect(y, x, axis, idx);
        }
        return y;
    }

    /** A defensive copy of the indices after checking each lies in [0, n). */
    static int[] checkIndices(String op, int[] indices, int n, int axis, Shape s) {
        int[] idx = indices.clone();
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= n) {
                throw new IndexOutOfBoundsException(op + ": index " + idx[i] + " at position " + i
                        + " is out of range for axis " + axis + " of shape " + s + " (valid: 0 to " + (n - 1) + ")");
            }
        }
        return idx;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {IndexAdd.apply(grad, axis, indices, inputShape)};
    }
}
