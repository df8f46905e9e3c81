package io.jgrad.core;

/**
 * The inner loop of an element-wise binary op over one run: {@code out[oo + i] = f(a[ao + i·as],
 * b[bo + i·bs])} for i < n, where a stride of 0 repeats a broadcast value. Each op supplies its own
 * loop, so there is no per-element virtual call.
 */
@FunctionalInterface
interface BinaryKernel {
    void run(double[] a, int ao, int as, double[] b, int bo, int bs, double[] out, int oo, int n);

    /** Applies {@code kernel} to {@code a} and {@code b} broadcast together; returns a new leaf. */
    static Tensor broadcast(String op, Tensor a, Tensor b, BinaryKernel kernel) {
        Shape shape = Shape.broadcast(op, a.shape(), b.shape());
        double[] out = new double[shape.size()];
        double[] x = a.data, y = b.data;
        if (a.shape().equals(b.shape())) {
            kernel.run(x, 0, 1, y, 0, 1, out, 0, out.length);
        } else if (y.length == 1 && x.length == out.length) {
            kernel.run(x, 0, 1, y, 0, 0, out, 0, out.length);
        } else if (x.length == 1 && y.length == out.length) {
            kernel.run(x, 0, 0, y, 0, 1, out, 0, out.length);
        } else if (x.length == out.length && y.length > 0 && b.shape().repeatsInto(shape)) {
            // A bias-like b repeated along the leading dimensions: one contiguous run per copy.
            for (int o = 0; o < out.length; o += y.length) {
                kernel.run(x, o, 1, y, 0, 1, out, o, y.length);
            }
        } else if (y.length == out.length && x.length > 0 && a.shape().repeatsInto(shape)) {
            for (int o = 0; o < out.length; o += x.length) {
                kernel.run(x, 0, 1, y, o, 1, out, o, x.length);
            }
        } else {
            Strided.forEachRun(shape.dimsUnsafe(), a.shape().stridesIn(shape), b.shape().stridesIn(shape),
                    shape.strides(), (ao, as, bo, bs, oo, os, n) -> kernel.run(x, ao, as, y, bo, bs, out, oo, n));
        }
        return Tensor.wrap(out, shape);
    }
}
