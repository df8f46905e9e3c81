package io.jgrad.core;

/**
 * x − logSumExp(x) along one axis, in one pass: the log-probabilities under cross-entropy, which
 * every classifier step computes. Backward: g − softmax(x)·Σg along the axis, also in one pass,
 * with the softmax kept from the forward pass (so backward computes no exponentials). Built from
 * sub and logSumExp instead, the same step took two broadcast passes forward and four backward.
 */
final class LogSoftmax extends Node {
    private final Saved result;
    private final Saved probabilities;
    private final int axis;

    private LogSoftmax(Tensor out, Tensor x, Tensor probabilities, int axis) {
        super("logSoftmax", out, x);
        this.result = save(out);
        this.probabilities = save(probabilities);
        this.axis = axis;
    }

    static Tensor apply(Tensor x, int axis) {
        Shape s = x.shape();
        int n = s.dim(axis), outer = s.outer(axis), inner = s.inner(axis);
        boolean recording = Autograd.isRecording(x);
        // The probabilities are kept only for backward: inference computes no array of them.
        double[] in = x.data, out = new double[in.length], p = recording ? new double[in.length] : null;
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                line(in, out, p, o * n * inner + i, n, inner);
            }
        }
        Tensor y = Tensor.wrap(out, s);
        if (recording) {
            new LogSoftmax(y, x, Tensor.wrap(p, s), axis);
        }
        return y;
    }

    /**
     * One line: out = in − logSumExp(in) and, unless {@code p} is null, p = softmax(in), with the
     * maximum factored out. Returns what was subtracted from each value (the log-sum-exp, or the
     * maximum itself when it is infinite or NaN); {@code out} may be null when only that is needed.
     */
    static double line(double[] in, double[] out, double[] p, int start, int n, int stride) {
        double m = LogSumExp.max(in, start, n, stride);
        if (Double.isInfinite(m) || Double.isNaN(m)) {
            // logSumExp is m itself (see LogSumExp.line); no shift possible.
            for (int j = 0, q = start; j < n; j++, q += stride) {
                double o = in[q] - m;
                if (out != null) {
                    out[q] = o;
                }
                if (p != null) {
                    p[q] = Math.exp(o);
                }
            }
            return m;
        }
        double sum = 0;
        for (int j = 0, q = start; j < n; j++, q += stride) {
            double e = Math.exp(in[q] - m);
            if (p != null) {
                p[q] = e;
            }
            sum += e;
        }
        double lse = m + Math.log(sum);
        for (int j = 0, q = start; j < n; j++, q += stride) {
            if (out != null) {
                out[q] = in[q] - lse;
            }
            if (p != null) {
                p[q] /= sum;
            }
        }
        return lse;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        Tensor y = result.get();
        if (Autograd.isRecording(grad, y)) {
            // createGraph: the same rule from recorded ops, so it can be differentiated again.
            return new Tensor[] {grad.sub(y.exp().mul(grad.sum(axis, true)))};
        }
        Shape s = y.shape();
        int n = s.dim(axis), outer = s.outer(axis), inner = s.inner(axis);
        // g − p·Σg reads each g once before writing it, so an owned gradient is overwritten in place.
        double[] g = grad.data, p = probabilities.get().data, out = gradOwned ? g : new double[g.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int start = o * n * inner + i;
                double sum = 0;
                for (int j = 0, q = start; j < n; j++, q += inner) {
                    sum += g[q];
                }
                for (int j = 0, q = start; j < n; j++, q += inner) {
                    out[q] = g[q] - p[q] * sum;
                }
            }
        }
        return new Tensor[] {gradOwned ? grad : Tensor.wrap(out, s)};
    }
}
