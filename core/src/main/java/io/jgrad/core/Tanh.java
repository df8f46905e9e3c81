package io.jgrad.core;

/** tanh x. Backward: grad · (1 − tanh²x), reusing the saved output. */
final class Tanh extends Node {
    private final Saved result;

    private Tanh(Tensor out, Tensor x) {
        super("tanh", out, x);
        this.result = save(out);
    }

    static Tensor apply(Tensor x) {
        double[] in = x.data, out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = Math.tanh(in[i]);
        }
        Tensor y = Tensor.wrap(out, x.shape());
        if (Autograd.isRecording(x)) {
            new Tanh(y, x);
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        Tensor t = result.get();
        return new Tensor[] {grad.mul(Tensor.ones().sub(t.mul(t)))};
    }
}
