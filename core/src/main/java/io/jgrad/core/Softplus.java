package io.jgrad.core;

/**
 * softplus(x) = log(1 + eˣ), evaluated as max(x, 0) + log1p(e^−|x|) so it neither overflows nor
 * loses precision. Backward: grad · σ(x) — exact at x = 0, where a composite of relu and abs would
 * pick a one-sided derivative. The stable core of binary cross-entropy with logits.
 */
final class Softplus extends Node {
    private final Saved x;

    private Softplus(Tensor out, Tensor x) {
        super("softplus", out, x);
        this.x = save(x);
    }

    static Tensor apply(Tensor x) {
        double[] in = x.data, out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            double v = in[i];
            out[i] = Math.max(v, 0.0) + Math.log1p(Math.exp(-Math.abs(v)));
        }
        Tensor y = Tensor.wrap(out, x.shape());
        if (Autograd.isRecording(x)) {
            new Softplus(y, x);
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad.mul(x.get().sigmoid())};
    }
}
