package io.jgrad.core;

/**
 * g where r > 0, else 0 (same shape): ReLU's backward in one pass, with r the ReLU's output held
 * constant (its derivative is 0 almost everywhere). Linear in g, so its backward is the same mask
 * applied to the incoming gradient, and second derivatives through ReLU stay correct.
 */
final class PositiveMask extends Node {
    private final Tensor reference;

    private PositiveMask(Tensor out, Tensor g, Tensor reference) {
        super("reluBackward", out, g);
        this.reference = reference;
    }

    static Tensor apply(Tensor g, Tensor reference) {
        double[] in = g.data, r = reference.data, out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = r[i] > 0 ? in[i] : 0.0;
        }
        Tensor y = Tensor.wrap(out, g.shape());
        if (Autograd.isRecording(g)) {
            new PositiveMask(y, g, reference);
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {apply(grad, reference)};
    }
}
