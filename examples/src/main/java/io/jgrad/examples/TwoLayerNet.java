package io.jgrad.examples;

import io.jgrad.core.Autograd;
import io.jgrad.core.Tensor;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The textbook two-layer network (ReLU hidden layer; sigmoid output with binary cross-entropy, or
 * softmax output with cross-entropy) with its backward pass derived by hand, beside the same
 * network differentiated by the engine.
 *
 * <p>Batch-first (jgrad's convention, one example per row, X is [m, n]):
 * <pre>
 *   Z1 = X W1 + b1    A1 = relu(Z1)    Z2 = A1 W2 + b2    A2 = sigmoid(Z2) or softmax(Z2)
 *   dZ2 = A2 − Y      dW2 = A1ᵀ dZ2 / m      db2 = Σ_rows dZ2 / m
 *   dZ1 = dZ2 W2ᵀ ⊙ 1{Z1 > 0}      dW1 = Xᵀ dZ1 / m      db1 = Σ_rows dZ1 / m
 * </pre>
 * One example per column (many lecture notes, X is [n, m], weights are the transposes):
 * <pre>
 *   Z1 = W1 X + b1 ...   dW2 = dZ2 A1ᵀ / m   dZ1 = W2ᵀ dZ2 ⊙ 1{Z1 > 0}   dW1 = dZ1 Xᵀ / m
 * </pre>
 * {@code dZ2 = A2 − Y} holds for both output layers: it is the derivative of the cross-entropy
 * composed with its matching output function.
 */
final class TwoLayerNet {
    /** The output layer and its loss. */
    enum Output { SIGMOID, SOFTMAX }

    /** Weights and biases; in the column form the weights are transposed and biases are columns. */
    record Params(Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        List<Tensor> list() {
            return List.of(w1, b1, w2, b2);
        }

        /** The same values as fresh leaves that require grad. */
        Params asLeaves() {
            return new Params(leaf(w1), leaf(b1), leaf(w2), leaf(b2));
        }

        /** The column-form parameters: W1ᵀ [h, n], b1 as [h, 1], W2ᵀ [o, h], b2 as [o, 1]. */
        Params toColumns() {
            return new Params(leaf(w1.transpose()), leaf(b1.reshape(b1.size(), 1)),
                    leaf(w2.transpose()), leaf(b2.reshape(b2.size(), 1)));
        }

        /** One step of gradient descent, {@code p − lr·g}, as new leaves. */
        Params minus(Grads g, double lr) {
            try (var scope = Autograd.noGrad()) {
                return new Params(leaf(w1.sub(g.w1().mul(lr))), leaf(b1.sub(g.b1().mul(lr))),
                        leaf(w2.sub(g.w2().mul(lr))), leaf(b2.sub(g.b2().mul(lr))));
            }
        }

        private static Tensor leaf(Tensor t) {
            return t.detach().copy().requiresGrad(true);
        }
    }

    /** The gradient of the loss with respect to each parameter, named like the parameters. */
    record Grads(Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        List<Tensor> list() {
            return List.of(w1, b1, w2, b2);
        }

        /** The column form's gradients turned back into batch-first shapes (transposed, flattened). */
        Grads fromColumns() {
            return new Grads(w1.transpose(), b1.reshape(b1.size()), w2.transpose(), b2.reshape(b2.size()));
        }

        /** The largest |a − b| over all four gradients. */
        double maxDifference(Grads other) {
            double worst = 0;
            for (int i = 0; i < 4; i++) {
                worst = Math.max(worst, maxAbsDifference(list().get(i), other.list().get(i)));
            }
            return worst;
        }
    }

    static final List<String> NAMES = List.of("W1", "b1", "W2", "b2");

    private TwoLayerNet() {
    }

    /** Small random weights and biases (biases nonzero, so their gradients are tested too). */
    static Params init(RandomGenerator rng, int in, int hidden, int out) {
        return new Params(Tensor.randn(rng, in, hidden).mul(0.5), Tensor.randn(rng, hidden).mul(0.1),
                Tensor.randn(rng, hidden, out).mul(0.5), Tensor.randn(rng, out).mul(0.1)).asLeaves();
    }

    /** The mean cross-entropy of the batch-first network, recorded for autograd. */
    static Tensor loss(Params p, Tensor x, Tensor y, Output output) {
        Tensor z2 = x.matmul(p.w1()).add(p.b1()).relu().matmul(p.w2()).add(p.b2());
        return crossEntropy(z2, y, output, 1);
    }

    /** The mean cross-entropy of the column-form network (x is [n, m], y is [o, m]). */
    static Tensor lossColumns(Params p, Tensor x, Tensor y, Output output) {
        Tensor z2 = p.w2().matmul(p.w1().matmul(x).add(p.b1()).relu()).add(p.b2());
        return crossEntropy(z2, y, output, 0);
    }

    /** Gradients by the engine: one backward pass through {@link #loss} (or {@link #lossColumns}). */
    static Grads autograd(Tensor loss, Params p) {
        List<Tensor> g = Autograd.grad(loss, p.list(), false);
        return new Grads(g.get(0), g.get(1), g.get(2), g.get(3));
    }

    /** Gradients by the hand-derived formulas, batch-first; nothing is recorded. */
    static Grads byHand(Params p, Tensor x, Tensor y, Output output) {
        try (var scope = Autograd.noGrad()) {
            double m = x.shape().dim(0);
            Tensor z1 = x.matmul(p.w1()).add(p.b1());
            Tensor a1 = z1.relu();
            Tensor a2 = activate(a1.matmul(p.w2()).add(p.b2()), output, 1);
            Tensor dz2 = a2.sub(y);
            Tensor dw2 = a1.transpose().matmul(dz2).div(m);
            Tensor db2 = dz2.sum(0, false).div(m);
            Tensor dz1 = dz2.matmul(p.w2().transpose()).mul(step(z1));
            Tensor dw1 = x.transpose().matmul(dz1).div(m);
            Tensor db1 = dz1.sum(0, false).div(m);
            return new Grads(dw1, db1, dw2, db2);
        }
    }

    /** Gradients by the hand-derived formulas in the one-example-per-column form. */
    static Grads byHandColumns(Params p, Tensor x, Tensor y, Output output) {
        try (var scope = Autograd.noGrad()) {
            double m = x.shape().dim(1);
            Tensor z1 = p.w1().matmul(x).add(p.b1());
            Tensor a1 = z1.relu();
            Tensor a2 = activate(p.w2().matmul(a1).add(p.b2()), output, 0);
            Tensor dz2 = a2.sub(y);
            Tensor dw2 = dz2.matmul(a1.transpose()).div(m);
            Tensor db2 = dz2.sum(1, true).div(m);
            Tensor dz1 = p.w2().transpose().matmul(dz2).mul(step(z1));
            Tensor dw1 = dz1.matmul(x.transpose()).div(m);
            Tensor db1 = dz1.sum(1, true).div(m);
            return new Grads(dw1, db1, dw2, db2);
        }
    }

    /** The largest |a − b| element-wise over two tensors with the same number of elements. */
    static double maxAbsDifference(Tensor a, Tensor b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("maxAbsDifference: shapes " + a.shape() + " and " + b.shape()
                    + " hold different numbers of elements");
        }
        double[] x = a.data();
        double[] y = b.data();
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - y[i]));
        }
        return worst;
    }

    /** Mean cross-entropy of logits {@code z} against targets {@code y}; classes run along {@code axis}. */
    private static Tensor crossEntropy(Tensor z, Tensor y, Output output, int axis) {
        double m = z.shape().dim(1 - axis);
        if (output == Output.SOFTMAX) {
            return z.logSoftmax(axis).mul(y).sum().div(-m);
        }
        Tensor a = z.sigmoid();
        Tensor ones = Tensor.ones(1);
        return y.mul(a.log()).add(ones.sub(y).mul(ones.sub(a).log())).sum().div(-m);
    }

    private static Tensor activate(Tensor z, Output output, int axis) {
        return output == Output.SOFTMAX ? z.softmax(axis) : z.sigmoid();
    }

    /** The ReLU derivative 1{z > 0} as 0.0 / 1.0. */
    private static Tensor step(Tensor z) {
        double[] v = z.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] > 0 ? 1.0 : 0.0;
        }
        return Tensor.of(v, z.shape().dims());
    }
}
