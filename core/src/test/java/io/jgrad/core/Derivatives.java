package io.jgrad.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Higher derivatives of small functions by repeated {@code Autograd.grad(..., createGraph = true)}. */
final class Derivatives {
    private Derivatives() {
    }

    /** f'(x0), f''(x0), ... up to {@code order}, for a scalar function of a scalar. */
    static double[] ofScalar(double x0, UnaryOperator<Tensor> f, int order) {
        Tensor x = Tensor.scalar(x0).requiresGrad(true);
        Tensor y = f.apply(x);
        double[] out = new double[order];
        for (int i = 0; i < order; i++) {
            y = Autograd.grad(y, List.of(x), i < order - 1).get(0);
            out[i] = y.item();
        }
        return out;
    }

    /**
     * Value, gradient and Hessian of a scalar function of scalars at {@code point}: element 0 is
     * {f}, element 1 the gradient, elements 2.. the rows of the Hessian.
     */
    static double[][] valueGradientHessian(Function<List<Tensor>, Tensor> f, double... point) {
        List<Tensor> xs = new ArrayList<>();
        for (double p : point) {
            xs.add(Tensor.scalar(p).requiresGrad(true));
        }
        Tensor y = f.apply(xs);
        List<Tensor> g = Autograd.grad(y, xs, true);
        double[][] out = new double[2 + point.length][];
        out[0] = new double[] {y.item()};
        out[1] = new double[point.length];
        for (int i = 0; i < point.length; i++) {
            out[1][i] = g.get(i).item();
            double[] row = new double[point.length];
            if (g.get(i).requiresGrad()) {
                List<Tensor> h = Autograd.grad(g.get(i), xs, true);
                for (int j = 0; j < point.length; j++) {
                    row[j] = h.get(j).item();
                }
            }
            out[2 + i] = row;
        }
        return out;
    }
}
