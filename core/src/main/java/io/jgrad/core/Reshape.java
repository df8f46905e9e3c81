package io.jgrad.core;

import java.util.Arrays;

/** The same values in another shape; shares storage. Backward: reshape the gradient back. */
final class Reshape extends Node {
    private final Shape inputShape;

    private Reshape(Tensor out, Tensor x) {
        super("reshape", out, x);
        this.inputShape = x.shape();
    }

    static Tensor apply(Tensor x, Shape shape) {
        if (shape.equals(x.shape())) {
            return x;
        }
        Tensor y = x.view(shape);
        if (Autograd.isRecording(x)) {
            new Reshape(y, x);
        }
        return y;
    }

    /** Resolves a requested shape with at most one -1 against the number of elements of {@code from}. */
    static Shape resolve(Shape from, int[] requested) {
        int[] dims = requested.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1 && infer < 0) {
                infer = i;
            } else if (dims[i] < 0) {
                throw new IllegalArgumentException("reshape: invalid shape " + Arrays.toString(requested)
                        + " for a tensor of shape " + from + "; dimensions must be >= 0, with at most one -1");
            } else {
                known *= dims[i];
            }
        }
        if (infer >= 0 && known > 0 && from.size() % known == 0) {
            dims[infer] = (int) (from.size() / known);
            known *= dims[infer];
        }
        if (known != from.size() || (infer >= 0 && dims[infer] < 0)) {
            throw new IllegalArgumentException("reshape: cannot reshape a tensor of shape " + from + " ("
                    + from.size() + " elements) to " + Arrays.toString(requested)
                    + "; the new shape must hold the same number of elements");
        }
        return Shape.of(dims);
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad.reshapeTo(inputShape)};
    }
}
