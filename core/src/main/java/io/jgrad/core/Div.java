package io.jgrad.core;

/** a / b (broadcast). Backward: grad / b for a, −grad·a / b² for b. */
final class Div extends Node {
    static final BinaryKernel KERNEL = (a, ao, as, b, bo, bs, out, oo, n) -> {
        if (as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) {
                out[oo + i] = a[ao + i] / b[bo + i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[oo + i] = a[ao + i * as] / b[bo + i * bs];
            }
        }
    };

    private final Saved a;
    private final Saved b;

    private Div(Tensor out, Tensor a, Tensor b) {
        super("div", out, a, b);
        this.b = save(b);
        this.a = needsGrad(1) ? save(a) : null;
    }

    static Tensor apply(Tensor a, Tensor b) {
        Tensor out = BinaryKernel.broadcast("div", a, b, KERNEL);
        if (Autograd.isRecording(a, b)) {
            new Div(out, a, b);
        }
        return out;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        Tensor bv = b.get();
        Tensor ga = needsGrad(0) ? grad.div(bv) : null;
        Tensor gb = a == null ? null : grad.mul(a.get()).div(bv.mul(bv)).neg();
        return new Tensor[] {ga, gb};
    }
}
