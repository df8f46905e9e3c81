package io.jgrad.core;

/** max(x, 0). Backward: grad where x > 0, else 0 (so 0 at x = 0, as in PyTorch). */
final class Relu extends Node {
    private final Saved result;

    private Relu(Tensor out, Tensor x) {
        super("relu", out, x);
        this.result = save(out);
    }

    static Tensor apply(Tensor x) {
        double[] in = x.data, out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            // "<= 0" rather than "> 0" so that NaN passes through (as in PyTorch) instead of becoming 0.
            out[i] = in[i] <= 0 ? 0.0 : in[i];
        }
        Tensor y = Tensor.wrap(out, x.shape());
        if (Autograd.isRecording(x)) {
            new Relu(y, x);
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        double[] r = result.get().data, mask = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            mask[i] = r[i] > 0 ? 1.0 : 0.0;
        }
        return new Tensor[] {grad.mul(Tensor.wrap(mask, grad.shape()))};
    }
}
