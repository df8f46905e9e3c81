package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.GradCheck;
import io.jgrad.core.Tensor;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** Loss values at hand-computed points, stability at extreme logits, reductions and bad input. */
class LossesTest {

    private static void assertMessage(IllegalArgumentException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message \"" + e.getMessage() + "\" lacks \"" + p + "\"");
        }
    }

    @Test
    void mseReductions() {
        Tensor p = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor t = Tensor.of(new double[] {0, 2, 5, 1}, 2, 2);
        assertEquals(14.0 / 4, Losses.mse(p, t).item(), 0);
        assertEquals(14.0, Losses.mse(p, t, Reduction.SUM).item(), 0);
        assertArrayEquals(new double[] {1, 0, 4, 9}, Losses.mse(p, t, Reduction.NONE).toArray(), 0);
    }

    @Test
    void bceWithLogitsIsFiniteAndExactAtHugeLogits() {
        Tensor z = Tensor.of(new double[] {1000, -1000, 1000, -1000, 0}).requiresGrad(true);
        Tensor t = Tensor.of(new double[] {1, 0, 0, 1, 1});
        Tensor loss = Losses.bceWithLogits(z, t, Reduction.NONE);
        // Right with certainty: 0; wrong with certainty: |z|; at z = 0: log 2.
        assertArrayEquals(new double[] {0, 0, 1000, 1000, Math.log(2)}, loss.toArray(), 1e-15);
        loss.sum().backward();
        // Gradient σ(z) − t, exact at z = 0.
        assertArrayEquals(new double[] {0, 0, 1, -1, -0.5}, z.grad().toArray(), 1e-15);
    }

    @Test
    void crossEntropyIsFiniteAtHugeLogits() {
        Tensor z = Tensor.of(new double[] {1000, -1000, 0, -1000, 1000, 1000}, 2, 3).requiresGrad(true);
        Tensor loss = Losses.crossEntropy(z, new int[] {1, 0}, 0.0, Reduction.NONE);
        // Row 0: label logit −1000 against max 1000 → 2000. Row 1: two tied logits of 1000, label
        // logit −1000 → 2000 + log 2.
        assertArrayEquals(new double[] {2000, 2000 + Math.log(2)}, loss.toArray(), 1e-9);
        loss.sum().backward();
        // softmax − onehot; the ulp of log-sum-exp ≈ 1000 (1.1e-13) bounds the error of e^(z − lse).
        assertArrayEquals(new double[] {1, -1, 0, -1, 0.5, 0.5}, z.grad().toArray(), 1e-12);
    }

    @Test
    void labelSmoothingMixesInTheUniformTarget() {
        Tensor z = Tensor.of(new double[] {2, -1, 0.5, 0.3, 0.1, -2}, 2, 3);
        int[] labels = {0, 2};
        double e = 0.2;
        Tensor logp = z.logSoftmax(1);
        double expected = 0;
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 3; c++) {
                double q = (c == labels[i] ? 1 - e : 0) + e / 3;
                expected -= q * logp.get(i, c);
            }
        }
        assertEquals(expected / 2, Losses.crossEntropy(z, labels, e).item(), 1e-14);
        assertEquals(Losses.crossEntropy(z, labels).item(), Losses.crossEntropy(z, labels, 0.0).item(), 0);
    }

    @Test
    void bceClampsEachLogTermAtMinus100() {
        Tensor p = Tensor.of(new double[] {0, 1, 0, 1}).requiresGrad(true);
        Tensor t = Tensor.of(new double[] {1, 0, 0, 1});
        Tensor loss = Losses.bce(p, t, Reduction.NONE);
        assertArrayEquals(new double[] {100, 100, 0, 0}, loss.toArray(), 1e-12);
        loss.sum().backward();
        for (double g : p.grad().toArray()) {
            assertTrue(Double.isFinite(g), "finite gradient at p = 0 or 1, got " + g);
        }
    }

    @Test
    void bceOfSigmoidEqualsBceWithLogitsAwayFromSaturation() {
        Tensor z = Tensor.randn(new MersenneTwister(3), 4, 3).mul(3);
        Tensor t = Tensor.rand(new MersenneTwister(4), 4, 3);
        assertEquals(Losses.bceWithLogits(z, t).item(), Losses.bce(z.sigmoid(), t).item(), 1e-12);
    }

    @Test
    void lossesPassGradCheck() {
        MersenneTwister rng = new MersenneTwister(5);
        Tensor z = Tensor.randn(rng, 3, 4).requiresGrad(true);
        Tensor t = Tensor.rand(rng, 3, 4);
        Tensor p = Tensor.rand(rng, 3, 4).mul(0.8).add(0.1).requiresGrad(true);
        int[] labels = {3, 0, 2};
        GradCheck.check(in -> Losses.mse(in.get(0), t), List.of(z)).assertPassed();
        GradCheck.check(in -> Losses.bce(in.get(0), t), List.of(p)).assertPassed();
        GradCheck.check(in -> Losses.bceWithLogits(in.get(0), t), List.of(z)).assertPassed();
        GradCheck.check(in -> Losses.crossEntropy(in.get(0), labels, 0.1), List.of(z)).assertPassed();
        GradCheck.checkSecondOrder(in -> Losses.crossEntropy(in.get(0), labels), List.of(z)).assertPassed();
        GradCheck.checkSecondOrder(in -> Losses.bceWithLogits(in.get(0), t), List.of(z)).assertPassed();
    }

    @Test
    void l2IsHalfLambdaTimesSumOfSquaresWithGradientLambdaW() {
        Tensor w1 = Tensor.of(new double[] {1, -2, 3}).requiresGrad(true);
        Tensor w2 = Tensor.of(new double[] {0.5, 4}, 2, 1).requiresGrad(true);
        Tensor penalty = Losses.l2(List.of(w1, w2), 0.1);
        assertEquals(0.05 * (1 + 4 + 9 + 0.25 + 16), penalty.item(), 1e-15);
        penalty.backward();
        assertArrayEquals(new double[] {0.1, -0.2, 0.3}, w1.grad().toArray(), 1e-15);
        assertArrayEquals(new double[] {0.05, 0.4}, w2.grad().toArray(), 1e-15);
        assertEquals(0.0, Losses.l2(List.of(), 0.1).item(), 0);
        assertThrows(IllegalArgumentException.class, () -> Losses.l2(List.of(w1), -1));
        assertThrows(IllegalArgumentException.class, () -> Losses.l2(List.of(w1), Double.NaN));
    }

    @Test
    void badLabelsAndShapesAreClearErrors() {
        Tensor z = Tensor.zeros(2, 3);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(z, new int[] {0, 3})),
                "label 3 at position 1", "3 classes");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(z, new int[] {-1, 0})),
                "label -1 at position 0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(z, new int[] {0})),
                "1 labels", "[2, 3]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(Tensor.zeros(3), new int[] {0})),
                "[batch, classes]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(z, new int[] {0, 1}, 1.5)),
                "labelSmoothing");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.mse(z, Tensor.zeros(3, 2))),
                "mse", "[2, 3]", "[3, 2]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.bceWithLogits(Tensor.zeros(2, 1), Tensor.zeros(2))),
                "bceWithLogits", "[2, 1]", "[2]");
        Tensor nanTarget = Tensor.of(new double[] {0, Double.NaN});
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.bceWithLogits(Tensor.zeros(2), nanTarget)),
                "target element 1 is NaN");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.bce(Tensor.zeros(2), nanTarget)),
                "target element 1 is NaN");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Losses.bce(Tensor.of(new double[] {0.5, 1.5}), Tensor.zeros(2))),
                "probability element 1 is 1.5", "bceWithLogits");
    }
}
