package io.jgrad.core;

/** √x (NaN below 0). Backward: grad / (2√x), reusing the saved output (+∞ at 0). */
final class Sqrt extends Node {
    private final Saved result;

    private Sqrt(Tensor out, Tensor x) {
        super("sqrt", out, x);
        this.result = save(out);
    }

    static Tensor apply(Tensor x) {
        double[] in = x.data, out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = Math.sqrt(in[i]);
        }
        Tensor y = Tensor.wrap(out, x.shape());
        if (Autograd.isRecording(x)) {
            new Sqrt(y, x);
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad.div(result.get().mul(2.0))};
    }
}
