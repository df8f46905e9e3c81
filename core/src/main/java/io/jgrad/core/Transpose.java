package io.jgrad.core;

/** Swaps two dimensions (a copy, row-major). Backward: swap them back. */
final class Transpose extends Node {
    private final int d0;
    private final int d1;

    private Transpose(Tensor out, Tensor x, int d0, int d1) {
        super("transpose", out, x);
        this.d0 = d0;
        this.d1 = d1;
    }

    static Tensor apply(Tensor x, int d0, int d1) {
        if (d0 == d1) {
            return x;
        }
        int[] dims = x.shape().dims();
        int[] inStrides = x.shape().strides();
        swap(dims, d0, d1);
        swap(inStrides, d0, d1);
        Shape shape = Shape.of(dims);
        double[] in = x.data, out = new double[in.length];
        if (dims.length == 2) {
            int rows = dims[0], cols = dims[1];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    out[i * cols + j] = in[j * rows + i];
                }
            }
        } else {
            Strided.forEachRun(dims, inStrides, new int[dims.length], shape.strides(), (ao, as, bo, bs, oo, os, n) -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = in[ao + i * as];
                }
            });
        }
        Tensor y = Tensor.wrap(out, shape);
        if (Autograd.isRecording(x)) {
            new Transpose(y, x, d0, d1);
        }
        return y;
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {apply(grad, d0, d1)};
    }
}
