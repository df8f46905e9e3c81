package io.jgrad.core;

/** x for x > 0, slope·x otherwise. Backward: grad, or slope·grad where x ≤ 0. */
final class LeakyRelu extends Node {
    private final Saved x;
    private final double slope;

    private LeakyRelu(Tensor out, Tensor x, double slope) {
        super("leakyRelu", out, x);
        this.x = save(x);
        this.slope = slope;
    }

    static Tensor apply(Tensor x, double slope) {
        double[] in = x.data, out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] > 0 ? in[i] : slope * in[i];
        }
        Tensor y = Tensor.wrap(out, x.shape());
        if (Autograd.isRecording(x)) {
            new LeakyRelu(y, x, slope);
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        double[] in = x.get().data, d = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            d[i] = in[i] > 0 ? 1.0 : slope;
        }
        return new Tensor[] {grad.mul(Tensor.wrap(d, grad.shape()))};
    }
}
