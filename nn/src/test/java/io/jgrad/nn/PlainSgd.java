package io.jgrad.nn;

import io.jgrad.core.Tensor;
import java.util.List;

/**
 * p ← p − lr·∇p for each parameter with a gradient: the smallest step action, for tests (nn cannot
 * use optim's optimizers).
 */
final class PlainSgd implements Runnable {
    private final List<Tensor> parameters;
    private final double lr;

    PlainSgd(List<Tensor> parameters, double lr) {
        this.parameters = parameters;
        this.lr = lr;
    }

    @Override
    public void run() {
        for (Tensor p : parameters) {
            Tensor g = p.grad();
            if (g == null) {
                continue;
            }
            double[] w = p.mutableData(), d = g.data();
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * d[i];
            }
        }
    }
}
