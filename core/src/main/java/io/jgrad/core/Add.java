package io.jgrad.core;

/** a + b (broadcast). Backward: the gradient passes unchanged to both sides. */
final class Add extends Node {
    static final BinaryKernel KERNEL = (a, ao, as, b, bo, bs, out, oo, n) -> {
        if (as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) {
                out[oo + i] = a[ao + i] + b[bo + i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[oo + i] = a[ao + i * as] + b[bo + i * bs];
            }
        }
    };

    private Add(Tensor out, Tensor a, Tensor b) {
        super("add", out, a, b);
    }

    static Tensor apply(Tensor a, Tensor b) {
        Tensor out = BinaryKernel.broadcast("add", a, b, KERNEL);
        if (Autograd.isRecording(a, b)) {
            new Add(out, a, b);
        }
        return out;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad, grad};
    }
}
