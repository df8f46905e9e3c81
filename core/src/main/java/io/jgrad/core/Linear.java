package io.jgrad.core;

import io.jgrad.core.kernels.Gemm;

/**
 * x·W + b in one pass (PyTorch's addmm), with x of shape [.., in], W [in, out] and b [out]: each
 * output row starts as b and the product is accumulated onto it, so there is no separate
 * broadcast add and no temporary. Backward, with g the output gradient: dx = g·Wᵀ, dW = xᵀ·g and
 * db = g summed over the rows (the engine sums it down to b's shape); in a plain backward dW and
 * db are added straight into the parameters' existing gradients.
 *
 * <p>Fused with a ReLU ({@link Tensor#linearRelu}) the output is max(x·W + b, 0), clamped in place
 * in the same array, and backward first masks g where the output is not positive (as {@link Relu}
 * does): a dense layer and its activation cost one output array instead of two.
 */
final class Linear extends Node {
    private final Saved x;
    private final Saved w;
    /** The output, when a ReLU is fused in: backward masks the gradient where it is not positive. */
    private final Saved relu;

    private Linear(Tensor out, Tensor x, Tensor w, Tensor b, boolean relu) {
        super(relu ? "linearRelu" : "linear", out, x, w, b);
        this.w = needsGrad(0) ? save(w) : null;
        this.x = needsGrad(1) ? save(x) : null;
        this.relu = relu ? save(out) : null;
    }

    static Tensor apply(Tensor x, Tensor w, Tensor b, boolean relu) {
        String op = relu ? "linearRelu" : "linear";
        Shape sx = x.shape();
        if (w.dim() != 2 || b.dim() != 1 || b.shape().dim(0) != w.shape().dim(1)) {
            throw new IllegalArgumentException(op + ": weight must be [in, out] and bias [out], got weight "
                    + w.shape() + " and bias " + b.shape());
        }
        int in = w.shape().dim(0), out = w.shape().dim(1);
        if (x.dim() == 0 || sx.dim(-1) != in) {
            throw new IllegalArgumentException(op + ": input of shape " + sx + " does not end in " + in
                    + " features, as weight " + w.shape() + " needs; pass [batch, " + in + "]");
        }
        int rows = sx.outer(sx.rank() - 1);
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(b.data, 0, y, r * out, out);
        }
        Gemm.gemmAdd(false, false, rows, out, in, x.data, 0, w.data, 0, y, 0);
        if (relu) {
            Relu.clamp(y, y);
        }
        Tensor result = Tensor.wrap(y, sx.with(sx.rank() - 1, out));
        if (Autograd.isRecording(x, w, b)) {
            new Linear(result, x, w, b, relu);
        }
        return result;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        if (relu != null) {
            Tensor r = relu.get();
            grad = gradOwned ? PositiveMask.applyInPlace(grad, r) : PositiveMask.apply(grad, r);
        }
        Shape sg = grad.shape();
        Tensor g2 = grad.dim() == 2 ? grad : grad.reshapeTo(Shape.of(sg.outer(sg.rank() - 1), sg.dim(-1)));
        Tensor gx = null, gw = null;
        if (w != null) {
            Tensor wv = w.get();
            Tensor g = MatMul.apply(g2, wv, false, true);
            gx = g.reshapeTo(sg.with(sg.rank() - 1, wv.shape().dim(0)));
        }
        if (x != null) {
            Tensor xv = x.get();
            int in = xv.shape().dim(-1);
            Tensor x2 = xv.dim() == 2 ? xv : xv.reshapeTo(Shape.of(g2.shape().dim(0), in));
            // dW = xᵀ·g, added straight into the weight's gradient when it has one (no temporary).
            gw = MatMul.gradient(this, 1, x2, g2, true, false);
        }
        Tensor gb = null;
        if (needsGrad(2)) {
            double[] sink = gradientSink(2);
            if (sink != null) {
                SumTo.addInto(grad, sink, Shape.of(sink.length));
            } else {
                gb = grad;
            }
        }
        return new Tensor[] {gx, gw, gb};
    }
}
