package io.jgrad.core;

/** a − b (broadcast). Backward: grad for a, −grad for b. */
final class Sub extends Node {
    static final BinaryKernel KERNEL = (a, ao, as, b, bo, bs, out, oo, n) -> {
        if (as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) {
                out[oo + i] = a[ao + i] - b[bo + i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[oo + i] = a[ao + i * as] - b[bo + i * bs];
            }
        }
    };

    private Sub(Tensor out, Tensor a, Tensor b) {
        super("sub", out, a, b);
    }

    static Tensor apply(Tensor a, Tensor b) {
        Tensor out = BinaryKernel.broadcast("sub", a, b, KERNEL);
        if (Autograd.isRecording(a, b)) {
            new Sub(out, a, b);
        }
        return out;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad, needsGrad(1) ? grad.neg() : null};
    }
}
