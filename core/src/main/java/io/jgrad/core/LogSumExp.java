package io.jgrad.core;

/**
 * log Σ exp(x) along one axis, keeping it with size 1; the maximum is factored out so logits of
 * ±1000 neither overflow nor underflow. Backward: grad · exp(x − result), i.e. grad · softmax(x).
 */
final class LogSumExp extends Node {
    private final Saved x;
    private final Saved result;

    private LogSumExp(Tensor out, Tensor x) {
        super("logSumExp", out, x);
        this.x = save(x);
        this.result = save(out);
    }

    static Tensor apply(Tensor x, int axis) {
        Shape s = x.shape();
        int n = s.dim(axis), outer = s.outer(axis), inner = s.inner(axis);
        double[] in = x.data, out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            for (int i = 0; i < inner; i++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    double v = in[base + j * inner + i];
                    if (v > m || Double.isNaN(v)) {
                        m = v;
                    }
                }
                if (Double.isInfinite(m) || Double.isNaN(m)) {
                    // All −∞ (log 0), some +∞, or NaN: the answer is m itself, no shift possible.
                    out[o * inner + i] = m;
                    continue;
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += Math.exp(in[base + j * inner + i] - m);
                }
                out[o * inner + i] = m + Math.log(sum);
            }
        }
        Tensor y = Tensor.wrap(out, s.with(axis, 1));
        if (Autograd.isRecording(x)) {
            new LogSumExp(y, x);
        }
        return y;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad.mul(x.get().sub(result.get()).exp())};
    }
}
