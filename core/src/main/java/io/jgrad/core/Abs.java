package io.jgrad.core;

/** |x|. Backward: grad · sign(x), with sign(0) = 0 (as in PyTorch). */
final class Abs extends Node {
    private final Saved x;

    private Abs(Tensor out, Tensor x) {
        super("abs", out, x);
        this.x = save(x);
    }

    static Tensor apply(Tensor x) {
        double[] in = x.data, out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = Math.abs(in[i]);
        }
        Tensor y = Tensor.wrap(out, x.shape());
        if (Autograd.isRecording(x)) {
            new Abs(y, x);
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        double[] in = x.get().data, sign = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            sign[i] = Math.signum(in[i]);
        }
        return new Tensor[] {grad.mul(Tensor.wrap(sign, grad.shape()))};
    }
}
