package io.jgrad.core;

import java.util.Arrays;

/** Broadcasts x to a larger shape (NumPy rules). Backward: sum the gradient back ({@link SumTo}). */
final class Expand extends Node {
    private final Shape inputShape;

    private Expand(Tensor out, Tensor x) {
        super("expand", out, x);
        this.inputShape = x.shape();
    }

    /** The shape {@code dims} asks for, refused with expand's name when a dimension is negative. */
    static Shape target(Shape from, int[] dims) {
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("expand: cannot expand shape " + from + " to "
                        + Arrays.toString(dims) + "; every dimension must be >= 0 (there is no -1 for"
                        + " \"keep this dimension\": repeat its size)");
            }
        }
        return Shape.of(dims);
    }

    static Tensor apply(Tensor x, Shape shape) {
        if (x.shape().equals(shape)) {
            return x;
        }
        if (!x.shape().broadcastsTo(shape)) {
            throw new IllegalArgumentException("expand: shape " + x.shape() + " cannot be broadcast to " + shape
                    + "; each dimension must match or be 1, aligned from the right");
        }
        double[] in = x.data, out = new double[shape.size()];
        Strided.forEachRun(shape.dimsUnsafe(), x.shape().stridesIn(shape), new int[shape.rank()], shape.strides(),
                (ao, as, bo, bs, oo, os, n) -> {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = in[ao + i * as];
                    }
                });
        Tensor y = Tensor.wrap(out, shape);
        if (Autograd.isRecording(x)) {
            new Expand(y, x);
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {SumTo.apply(grad, inputShape)};
    }
}
