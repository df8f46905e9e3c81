package io.jgrad.core;

/** a · b (broadcast). Backward: grad·b for a, grad·a for b. */
final class Mul extends Node {
    static final BinaryKernel KERNEL = (a, ao, as, b, bo, bs, out, oo, n) -> {
        if (as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) {
                out[oo + i] = a[ao + i] * b[bo + i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[oo + i] = a[ao + i * as] * b[bo + i * bs];
            }
        }
    };

    private final Saved a;
    private final Saved b;

    private Mul(Tensor out, Tensor a, Tensor b) {
        super("mul", out, a, b);
        this.b = needsGrad(0) ? save(b) : null;
        this.a = needsGrad(1) ? save(a) : null;
    }

    static Tensor apply(Tensor a, Tensor b) {
        Tensor out = BinaryKernel.broadcast("mul", a, b, KERNEL);
        if (Autograd.isRecording(a, b)) {
            new Mul(out, a, b);
        }
        return out;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {b == null ? null : grad.mul(b.get()), a == null ? null : grad.mul(a.get())};
    }
}
