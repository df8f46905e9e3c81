package io.jgrad.core;

/** −x. Backward: −grad. */
final class Neg extends Node {
    private Neg(Tensor out, Tensor x) {
        super("neg", out, x);
    }

    static Tensor apply(Tensor x) {
        double[] in = x.data, out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = -in[i];
        }
        Tensor y = Tensor.wrap(out, x.shape());
        if (Autograd.isRecording(x)) {
            new Neg(y, x);
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad.neg()};
    }
}
