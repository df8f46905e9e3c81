package io.jgrad.core;

/**
 * Largest value along one axis, keeping that axis with size 1. Backward: the gradient goes to the
 * maximum; tied maxima share it equally (as PyTorch's amax), so the rule stays a linear map of the
 * gradient with a constant mask.
 */
final class Max extends Node {
    private final Saved x;
    private final Saved result;

    private Max(Tensor out, Tensor x) {
        super("max", out, x);
        this.x = save(x);
        this.result = save(out);
    }

    static Tensor apply(Tensor x, int axis) {
        Shape s = x.shape();
        int n = s.dim(axis), outer = s.outer(axis), inner = s.inner(axis);
        if (n == 0) {
            throw new IllegalArgumentException("max: axis " + axis + " of shape " + s
                    + " is empty, so it has no maximum");
        }
        double[] in = x.data, out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            System.arraycopy(in, base, out, o * inner, inner);
            for (int j = 1; j < n; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) {
                    double v = in[row + i];
                    if (v > out[o * inner + i] || Double.isNaN(v)) {
                        out[o * inner + i] = v;
                    }
                }
            }
        }
        Tensor y = Tensor.wrap(out, s.with(axis, 1));
        if (Autograd.isRecording(x)) {
            new Max(y, x);
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        Tensor xv = x.get();
        Tensor m = result.get();
        Shape s = xv.shape();
        // weight = 1{x == max} / (number of maxima in the slice); constant w.r.t. x almost everywhere.
        double[] w = BinaryKernel.broadcast("max", xv, m, (a, ao, as, b, bo, bs, out, oo, n) -> {
            for (int i = 0; i < n; i++) {
                out[oo + i] = a[ao + i * as] == b[bo + i * bs] ? 1.0 : 0.0;
            }
        }).data;
        Tensor mask = Tensor.wrap(w, s);
        Tensor count = SumTo.apply(mask, m.shape());
        return new Tensor[] {grad.mul(mask.div(count))};
    }
}
