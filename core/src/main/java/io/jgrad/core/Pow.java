package io.jgrad.core;

/** xᵖ for a constant p. Backward: grad · p · xᵖ⁻¹ (zero when p = 0). */
final class Pow extends Node {
    private final Saved x;
    private final double p;

    private Pow(Tensor out, Tensor x, double p) {
        super("pow", out, x);
        this.x = save(x);
        this.p = p;
    }

    static Tensor apply(Tensor x, double p) {
        double[] in = x.data, out = new double[in.length];
        if (p == 2.0) {
            for (int i = 0; i < in.length; i++) {
                out[i] = in[i] * in[i];
            }
        } else {
            for (int i = 0; i < in.length; i++) {
                out[i] = Math.pow(in[i], p);
            }
        }
        Tensor y = Tensor.wrap(out, x.shape());
        if (Autograd.isRecording(x)) {
            new Pow(y, x, p);
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        if (p == 0.0) {
            return new Tensor[] {grad.mul(0.0)};
        }
        Tensor xv = x.get();
        Tensor d = p == 2.0 ? xv.mul(2.0) : xv.pow(p - 1.0).mul(p);
        return new Tensor[] {grad.mul(d)};
    }
}
