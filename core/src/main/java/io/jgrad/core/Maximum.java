package io.jgrad.core;

/**
 * max(a, b) element-wise (broadcast). Backward: the gradient goes to the larger side; at a tie
 * each side gets half (as in PyTorch).
 */
final class Maximum extends Node {
    static final BinaryKernel KERNEL = (a, ao, as, b, bo, bs, out, oo, n) -> {
        for (int i = 0; i < n; i++) {
            double x = a[ao + i * as], y = b[bo + i * bs];
            out[oo + i] = x > y || Double.isNaN(x) ? x : y;
        }
    };

    /** Share of the gradient that goes to a: 1 where a > b, ½ at ties, 0 where a < b. */
    private static final BinaryKernel SHARE_OF_A = (a, ao, as, b, bo, bs, out, oo, n) -> {
        for (int i = 0; i < n; i++) {
            double x = a[ao + i * as], y = b[bo + i * bs];
            out[oo + i] = x > y ? 1.0 : x == y ? 0.5 : 0.0;
        }
    };

    private final Saved a;
    private final Saved b;

    private Maximum(Tensor out, Tensor a, Tensor b) {
        super("maximum", out, a, b);
        this.a = save(a);
        this.b = save(b);
    }

    static Tensor apply(Tensor a, Tensor b) {
        Tensor out = BinaryKernel.broadcast("maximum", a, b, KERNEL);
        if (Autograd.isRecording(a, b)) {
            new Maximum(out, a, b);
        }
        return out;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        Tensor shareA = BinaryKernel.broadcast("maximum", a.get(), b.get(), SHARE_OF_A);
        Tensor ga = needsGrad(0) ? grad.mul(shareA) : null;
        Tensor gb = needsGrad(1) ? grad.mul(Tensor.ones().sub(shareA)) : null;
        return new Tensor[] {ga, gb};
    }
}
