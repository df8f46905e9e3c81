package io.jgrad.core;

/**
 * σ(x) = 1 / (1 + e⁻ˣ), evaluated without overflow for large |x|. Backward: grad · σ · (1 − σ),
 * reusing the saved output.
 */
final class Sigmoid extends Node {
    private final Saved result;

    private Sigmoid(Tensor out, Tensor x) {
        super("sigmoid", out, x);
        this.result = save(out);
    }

    static Tensor apply(Tensor x) {
        double[] in = x.data, out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            double v = in[i];
            if (v >= 0) {
                out[i] = 1.0 / (1.0 + Math.exp(-v));
            } else {
                double e = Math.exp(v);
                out[i] = e / (1.0 + e);
            }
        }
        Tensor y = Tensor.wrap(out, x.shape());
        if (Autograd.isRecording(x)) {
            new Sigmoid(y, x);
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        Tensor s = result.get();
        return new Tensor[] {grad.mul(s.mul(Tensor.ones().sub(s)))};
    }
}
