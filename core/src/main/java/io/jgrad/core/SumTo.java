package io.jgrad.core;

/**
 * Sums x down to a shape that broadcasts to x's shape (the adjoint of {@link Expand}): every sum
 * reduction and every "unbroadcast" of a gradient is this op. Backward: expand the gradient back.
 */
final class SumTo extends Node {
    private final Shape inputShape;

    private SumTo(Tensor out, Tensor x) {
        super("sum", out, x);
        this.inputShape = x.shape();
    }

    static Tensor apply(Tensor x, Shape shape) {
        if (x.shape().equals(shape)) {
            return x;
        }
        if (!shape.broadcastsTo(x.shape())) {
            throw new IllegalArgumentException("sum: cannot sum shape " + x.shape() + " down to " + shape);
        }
        double[] out = new double[shape.size()];
        sumInto(x.data, x.shape(), out, shape);
        Tensor y = Tensor.wrap(out, shape);
        if (Autograd.isRecording(x)) {
            new SumTo(y, x);
        }
        return y;
    }

    /**
     * Adds {@code g}, summed down to {@code shape} (which broadcasts to g's shape), into {@code out}:
     * how the engine adds a gradient straight into a leaf's existing {@code grad}.
     */
    static void addInto(Tensor g, double[] out, Shape shape) {
        if (!shape.broadcastsTo(g.shape()) || out.length != shape.size()) {
            throw new IllegalStateException("sum: cannot add a gradient of shape " + g.shape()
                    + " into one of shape " + shape);
        }
        sumInto(g.data, g.shape(), out, shape);
    }

    /** out += in summed over the dimensions of {@code full} that {@code shape} broadcasts along. */
    private static void sumInto(double[] in, Shape full, double[] out, Shape shape) {
        if (out.length == in.length) {
            for (int i = 0; i < out.length; i++) {
                out[i] += in[i];
            }
        } else if (out.length == 1) {
            double s = 0;
            for (double v : in) {
                s += v;
            }
            out[0] += s;
        } else if (out.length > 0 && shape.repeatsInto(full)) {
            // Summing whole leading dimensions away (a bias gradient over the batch): add each copy.
            int n = out.length;
            for (int o = 0; o < in.length; o += n) {
                for (int j = 0; j < n; j++) {
                    out[j] += in[o + j];
                }
            }
        } else {
            Strided.forEachRun(full.dimsUnsafe(), full.strides(), new int[full.rank()], shape.stridesIn(full),
                    (ao, as, bo, bs, oo, os, n) -> {
                        if (os == 0) {
                            double s = out[oo];
                            for (int i = 0; i < n; i++) {
                                s += in[ao + i * as];
                            }
                            out[oo] = s;
                        } else {
                            for (int i = 0; i < n; i++) {
                                out[oo + i * os] += in[ao + i * as];
                            }
                        }
                    });
        }
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {Expand.apply(grad, inputShape)};
    }
}
