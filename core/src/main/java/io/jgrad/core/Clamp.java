package io.jgrad.core;

/**
 * min(max(x, lo), hi). Backward: grad where lo ≤ x ≤ hi (boundaries included, as in PyTorch), else
 * 0.
 */
final class Clamp extends Node {
    private final Saved x;
    private final double lo;
    private final double hi;

    private Clamp(Tensor out, Tensor x, double lo, double hi) {
        super("clamp", out, x);
        this.x = save(x);
        this.lo = lo;
        this.hi = hi;
    }

    static Tensor apply(Tensor x, double lo, double hi) {
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
            throw new IllegalArgumentException("clamp: need lo <= hi, got lo = " + lo + ", hi = " + hi
                    + "; use Double.NEGATIVE_INFINITY or POSITIVE_INFINITY for a one-sided clamp");
        }
        double[] in = x.data, out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            double v = in[i];
            out[i] = v < lo ? lo : v > hi ? hi : v;
        }
        Tensor y = Tensor.wrap(out, x.shape());
        if (Autograd.isRecording(x)) {
            new Clamp(y, x, lo, hi);
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        double[] in = x.get().data, mask = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            mask[i] = in[i] >= lo && in[i] <= hi ? 1.0 : 0.0;
        }
        return new Tensor[] {grad.mul(Tensor.wrap(mask, grad.shape()))};
    }
}
