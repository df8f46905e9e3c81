package io.jgrad.core;

/** eˣ. Backward: grad · eˣ, reusing the saved output. */
final class Exp extends Node {
    private final Saved result;

    private Exp(Tensor out, Tensor x) {
        super("exp", out, x);
        this.result = save(out);
    }

    static Tensor apply(Tensor x) {
        double[] in = x.data, out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = Math.exp(in[i]);
        }
        Tensor y = Tensor.wrap(out, x.shape());
        if (Autograd.isRecording(x)) {
            new Exp(y, x);
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad.mul(result.get())};
    }
}
