package io.jgrad.examples;

import io.jgrad.core.Tensor;
import java.util.List;

/**
 * The textbook update {@code p ← p − α·∂loss/∂p}, written out so the tutorials that derive it can
 * show it; everything else uses the optimizers of {@code io.jgrad.optim}.
 */
final class GradientDescent {
    private GradientDescent() {
    }

    /** Updates each parameter in place by its gradient (same order, same shapes) times {@code learningRate}. */
    static void step(List<Tensor> params, List<Tensor> grads, double learningRate) {
        if (params.size() != grads.size()) {
            throw new IllegalArgumentException("GradientDescent.step: " + params.size() + " parameters but "
                    + grads.size() + " gradients; pass one gradient per parameter");
        }
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            Tensor g = grads.get(i);
            if (!p.shape().equals(g.shape())) {
                throw new IllegalArgumentException("GradientDescent.step: parameter " + i + " has shape " + p.shape()
                        + " but its gradient has shape " + g.shape());
            }
            double[] values = p.mutableData();
            double[] gradient = g.data();
            for (int j = 0; j < values.length; j++) {
                values[j] -= learningRate * gradient[j];
            }
        }
    }
}
