package io.jgrad.nn;

import io.jgrad.core.Autograd;
import io.jgrad.core.Oracle;
import io.jgrad.core.Tensor;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/**
 * The hand-derived backprop formulas of the textbooks come out of the engine: at the output
 * pre-activation Z of a batch of m examples, sigmoid + binary cross-entropy gives dZ = (A − Y)/m and
 * softmax + cross-entropy gives dZ = (P − onehot(Y))/m; then dW = Xᵀ dZ and db = Σ_rows dZ.
 */
class TextbookIdentitiesTest {

    @Test
    void sigmoidWithBinaryCrossEntropy() {
        MersenneTwister rng = new MersenneTwister(11);
        int m = 7;
        Tensor x = Tensor.randn(rng, m, 4);
        Tensor y = Tensor.of(new double[] {1, 0, 0, 1, 1, 0, 1}, m, 1);
        Dense layer = new Dense(4, 1, rng);
        Tensor z = layer.forward(x);
        Tensor a = z.sigmoid();
        List<Tensor> g = Autograd.grad(Losses.bce(a, y), List.of(z, layer.weight(), layer.bias()), false);
        Tensor dz = a.sub(y).div(m);
        Oracle.assertClose("dZ = (A - Y)/m", dz, g.get(0));
        Oracle.assertClose("dW = X^T dZ", x.transpose().matmul(dz), g.get(1));
        Oracle.assertClose("db = sum dZ", dz.sum(0, false), g.get(2));
        // The logits version gives the same gradient without going through A.
        Tensor z2 = layer.forward(x);
        Oracle.assertClose("dZ with logits", dz, Autograd.grad(Losses.bceWithLogits(z2, y), List.of(z2), false).get(0));
    }

    @Test
    void softmaxWithCrossEntropy() {
        MersenneTwister rng = new MersenneTwister(12);
        int m = 6, classes = 4;
        int[] labels = {0, 3, 2, 2, 1, 3};
        Tensor x = Tensor.randn(rng, m, 5);
        Dense layer = new Dense(5, classes, rng);
        Tensor z = layer.forward(x);
        List<Tensor> g = Autograd.grad(Losses.crossEntropy(z, labels), List.of(z, layer.weight(), layer.bias()), false);
        double[] onehot = new double[m * classes];
        for (int i = 0; i < m; i++) {
            onehot[i * classes + labels[i]] = 1;
        }
        Tensor dz = z.softmax(1).sub(Tensor.of(onehot, m, classes)).div(m);
        Oracle.assertClose("dZ = (P - onehot)/m", dz, g.get(0));
        Oracle.assertClose("dW = X^T dZ", x.transpose().matmul(dz), g.get(1));
        Oracle.assertClose("db = sum dZ", dz.sum(0, false), g.get(2));
    }
}
