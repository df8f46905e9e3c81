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
            for (int i = 0; i < inner; i++) {
                out[o * inner + i] = line(in, o * n * inner + i, n, inner);
            }
        }
        Tensor y = Tensor.wrap(out, s.with(axis, 1));
        if (Autograd.isRecording(x)) {
            new LogSumExp(y, x);
        }
        return y;
    }

    /** log Σ exp over the n values {@code in[start + j·stride]}, with the maximum factored out. */
    static double line(double[] in, int start, int n, int stride) {
        double m = max(in, start, n, stride);
        if (Double.isInfinite(m) || Double.isNaN(m)) {
            // All −∞ (log 0), some +∞, or NaN: the answer is m itself, no shift possible.
            return m;
        }
        double sum = 0;
        for (int j = 0, q = start; j < n; j++, q += stride) {
            sum += Math.exp(in[q] - m);
        }
        return m + Math.log(sum);
    }

    /** The largest of the n values {@code in[start + j·stride]}, NaN if any is NaN, −∞ if n = 0. */
    static double max(double[] in, int start, int n, int stride) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0, q = start; j < n; j++, q += stride) {
            double v = in[q];
            if (v > m || Double.isNaN(v)) {
                m = v;
            }
        }
        return m;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        return new Tensor[] {grad.mul(x.get().sub(result.get()).exp())};
    }
}
