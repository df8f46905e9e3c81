package io.jgrad.core;

import io.jgrad.core.kernels.Gemm;

/**
 * C = op(A) · op(B) for matrices or batches of matrices (batch dimensions broadcast), where op
 * optionally transposes the last two dimensions. Backward, with g the output gradient:
 * dA = g · op(B)ᵀ and dB = op(A)ᵀ · g, each expressed again as this op with transpose flags.
 */
final class MatMul extends Node {
    private final Saved a;
    private final Saved b;
    private final boolean transA;
    private final boolean transB;

    private MatMul(Tensor out, Tensor a, Tensor b, boolean transA, boolean transB) {
        super("matmul", out, a, b);
        this.b = needsGrad(0) ? save(b) : null;
        this.a = needsGrad(1) ? save(a) : null;
        this.transA = transA;
        this.transB = transB;
    }

    /** torch.matmul semantics on top of the N-D primitive: 1-D operands become rows or columns. */
    static Tensor matmul(Tensor x, Tensor y) {
        if (x.dim() == 0 || y.dim() == 0) {
            throw new IllegalArgumentException("matmul: both operands need at least one dimension, got shapes "
                    + x.shape() + " and " + y.shape() + "; use mul for scalars");
        }
        int k = x.shape().dim(-1);
        int ky = y.dim() == 1 ? y.shape().dim(0) : y.shape().dim(-2);
        if (k != ky) {
            throw new IllegalArgumentException("matmul: shapes " + x.shape() + " and " + y.shape()
                    + " cannot be multiplied (" + k + " != " + ky + ")");
        }
        if (x.dim() == 1 && y.dim() == 1) {
            return apply(x.reshape(1, k), y.reshape(k, 1), false, false).reshapeTo(Shape.scalar());
        }
        if (x.dim() == 1) {
            Tensor r = apply(x.reshape(1, k), y, false, false);
            return r.reshapeTo(r.shape().without(r.dim() - 2));
        }
        if (y.dim() == 1) {
            Tensor r = apply(x, y.reshape(k, 1), false, false);
            return r.reshapeTo(r.shape().without(r.dim() - 1));
        }
        if (x.dim() > 2 && y.dim() == 2) {
            // A batch times one matrix is one tall matrix product: [B.., m, k] -> [B..·m, k].
            int[] dims = x.shape().dims();
            // Rows counted explicitly: reshape(-1, k) cannot infer them when k is 0.
            Tensor r = apply(x.reshapeTo(Shape.of(x.shape().outer(x.dim() - 1), k)), y, false, false);
            dims[dims.length - 1] = y.shape().dim(1);
            return r.reshapeTo(Shape.of(dims));
        }
        return apply(x, y, false, false);
    }

    /** The primitive: both operands at least 2-D. */
    static Tensor apply(Tensor a, Tensor b, boolean transA, boolean transB) {
        Shape sa = a.shape(), sb = b.shape();
        int m = transA ? sa.dim(-1) : sa.dim(-2), k = transA ? sa.dim(-2) : sa.dim(-1);
        int kb = transB ? sb.dim(-1) : sb.dim(-2), n = transB ? sb.dim(-2) : sb.dim(-1);
        if (k != kb) {
            throw new IllegalArgumentException("matmul: shapes " + sa + " and " + sb
                    + " cannot be multiplied (" + k + " != " + kb + ")");
        }
        Shape batchA = Shape.of(java.util.Arrays.copyOf(sa.dims(), sa.rank() - 2));
        Shape batchB = Shape.of(java.util.Arrays.copyOf(sb.dims(), sb.rank() - 2));
        Shape batch;
        try {
            batch = Shape.broadcast("matmul", batchA, batchB);
        } catch (IllegalArgumentException e) {
            // Name the operands the caller passed, not just their batch parts.
            throw new IllegalArgumentException("matmul: shapes " + sa + " and " + sb + " cannot be multiplied:"
                    + " batch dimensions " + batchA + " and " + batchB + " do not broadcast (each must be equal"
                    + " or 1, aligned from the right)", e);
        }
        int[] outDims = java.util.Arrays.copyOf(batch.dims(), batch.rank() + 2);
        outDims[batch.rank()] = m;
        outDims[batch.rank() + 1] = n;
        Shape shape = Shape.of(outDims);
        double[] x = a.data, y = b.data, out = new double[shape.size()];
        if (batch.rank() == 0) {
            Gemm.gemm(transA, transB, m, n, k, x, 0, y, 0, out, 0);
        } else {
            int[] stA = scaled(batchA.stridesIn(batch), m * k);
            int[] stB = scaled(batchB.stridesIn(batch), k * n);
            int[] stC = scaled(batch.strides(), m * n);
            Strided.forEachRun(batch.dimsUnsafe(), stA, stB, stC, (ao, as, bo, bs, oo, os, len) -> {
                for (int i = 0; i < len; i++) {
                    Gemm.gemm(transA, transB, m, n, k, x, ao + i * as, y, bo + i * bs, out, oo + i * os);
                }
            });
        }
        Tensor c = Tensor.wrap(out, shape);
        if (Autograd.isRecording(a, b)) {
            new MatMul(c, a, b, transA, transB);
        }
        return c;
    }

    private static int[] scaled(int[] strides, int factor) {
        int[] s = strides.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] *= factor;
        }
        return s;
    }

    @Override
    Tensor[] backward(Tensor grad) {
        Tensor ga = null, gb = null;
        if (b != null) {
            Tensor bv = b.get();
            ga = transA ? gradient(this, 0, bv, grad, transB, true) : gradient(this, 0, grad, bv, false, !transB);
        }
        if (a != null) {
            Tensor av = a.get();
            gb = transB ? gradient(this, 1, grad, av, true, transA) : gradient(this, 1, av, grad, !transA, false);
        }
        return new Tensor[] {ga, gb};
    }

    /**
     * Input {@code input}'s gradient op(x)·op(y) for {@code node}'s backward: added straight into
     * the leaf's existing gradient when the engine offers it and both factors are matrices (then
     * {@code null}, as {@link Node#gradientSink} asks), else a new tensor.
     */
    static Tensor gradient(Node node, int input, Tensor x, Tensor y, boolean transX, boolean transY) {
        double[] sink = x.dim() == 2 && y.dim() == 2 ? node.gradientSink(input) : null;
        if (sink == null) {
            return apply(x, y, transX, transY);
        }
        int m = transX ? x.shape().dim(1) : x.shape().dim(0), k = transX ? x.shape().dim(0) : x.shape().dim(1);
        int n = transY ? y.shape().dim(0) : y.shape().dim(1);
        Gemm.gemmAdd(transX, transY, m, n, k, x.data, 0, y.data, 0, sink, 0);
        return null;
    }
}
