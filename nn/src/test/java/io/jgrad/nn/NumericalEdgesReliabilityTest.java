package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.Autograd;
import io.jgrad.core.Tensor;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The classification losses at logits of ±1000 beyond LossesTest's values and gradients: second
 * derivatives (Hessian-vector products, as a gradient penalty or a Newton step needs them) are
 * finite for every reduction and with label smoothing, and label smoothing's gradient is exact.
 */
final class NumericalEdgesReliabilityTest {
    private static final double[] HUGE = {1000, -1000, 0, -1000, 1000, 1000};

    private static void assertSecondOrderFinite(String what, UnaryOperator<Tensor> loss) {
        Tensor z = Tensor.of(HUGE, 2, 3).requiresGrad(true);
        Tensor g = Autograd.grad(loss.apply(z), List.of(z), true).get(0);
        Tensor direction = Tensor.of(new double[] {0.3, -1, 2, 0.5, -0.25, 1}, 2, 3);
        for (double v : g.data()) {
            assertTrue(Double.isFinite(v), () -> what + " gradient " + g);
        }
        Tensor hv = Autograd.grad(g.mul(direction).sum(), List.of(z), false).get(0);
        for (double v : hv.data()) {
            assertTrue(Double.isFinite(v), () -> what + " Hessian-vector product " + hv);
        }
    }

    @Test
    void secondDerivativesOfTheClassificationLossesAreFiniteAtPlusMinus1000() {
        Tensor targets = Tensor.of(new double[] {1, 0, 0.5, 1, 0, 0.25}, 2, 3);
        for (Reduction r : Reduction.values()) {
            assertSecondOrderFinite("bceWithLogits " + r, z -> Losses.bceWithLogits(z, targets, r).sum());
            assertSecondOrderFinite("crossEntropy " + r, z -> Losses.crossEntropy(z, new int[] {1, 0}, 0.0, r).sum());
            assertSecondOrderFinite("crossEntropy smoothed " + r,
                    z -> Losses.crossEntropy(z, new int[] {1, 0}, 0.1, r).sum());
        }
    }

    @Test
    void labelSmoothingAtPlusMinus1000HasTheExactGradient() {
        Tensor z = Tensor.of(HUGE, 2, 3).requiresGrad(true);
        double eps = 0.1;
        Losses.crossEntropy(z, new int[] {1, 0}, eps, Reduction.SUM).backward();
        // softmax − ((1 − ε)·onehot + ε/C): row 0 is (1, 0, 0), row 1 is (0, ½, ½).
        double u = eps / 3;
        assertArrayEquals(new double[] {1 - u, -(1 - eps) - u, -u, -(1 - eps) - u, 0.5 - u, 0.5 - u},
                z.grad().toArray(), 1e-12);
    }
}
