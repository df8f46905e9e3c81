package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-op cross-entropy against the same loss built from logSoftmax, gather and mean (bit for
 * bit forward), against commons-math3's DerivativeStructure, and to second order against central
 * differences.
 */
final class CrossEntropyTest {

    private static int[] labels(RandomGenerator rng, int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(classes);
        }
        return y;
    }

    /** The definition from recorded ops: −(1 − ε)·logp[label] − ε·mean(logp). */
    private static Tensor composite(Tensor z, int[] labels, double eps) {
        Tensor logProb = z.logSoftmax(1);
        Tensor nll = logProb.gather(1, labels).neg();
        return eps > 0 ? nll.mul(1.0 - eps).add(logProb.mean(1, false).neg().mul(eps)) : nll;
    }

    @ParameterizedTest(name = "label smoothing {0}")
    @ValueSource(doubles = {0.0, 0.1, 1.0})
    void sameValuesAndGradientsAsTheCompositeLoss(double eps) {
        RandomGenerator rng = new MersenneTwister(31);
        Tensor z = Tensor.randn(rng, 7, 5).mul(3.0).detach().requiresGrad(true);
        int[] y = labels(rng, 7, 5);
        Tensor g = Tensor.randn(rng, 7);

        Tensor fused = z.crossEntropy(y, eps);
        assertEquals("crossEntropy", fused.opName());
        Tensor plain = composite(z, y, eps);
        // The same operations in the same order: identical values.
        assertArrayEquals(plain.toArray(), fused.toArray(), 0.0);
        Oracle.assertClose("grad", Autograd.grad(plain, List.of(z), g, false).get(0),
                Autograd.grad(fused, List.of(z), g, false).get(0));
    }

    @Test
    void gradientMatchesDerivativeStructure() {
        RandomGenerator rng = new MersenneTwister(5);
        int n = 3, classes = 4;
        double eps = 0.2;
        double[] z = Tensor.randn(rng, n, classes).mul(2.0).toArray();
        int[] y = labels(rng, n, classes);
        Tensor t = Tensor.of(z, n, classes).requiresGrad(true);
        t.crossEntropy(y, eps).sum().backward();
        double[] grad = t.grad().toArray();
        for (int i = 0; i < n; i++) {
            // One row's loss lse(z) − Σ_c q_c·z_c, with each logit a free variable of order 1.
            DerivativeStructure[] x = new DerivativeStructure[classes];
            DerivativeStructure sumExp = new DerivativeStructure(classes, 1, 0.0);
            DerivativeStructure dot = new DerivativeStructure(classes, 1, 0.0);
            for (int c = 0; c < classes; c++) {
                x[c] = new DerivativeStructure(classes, 1, c, z[i * classes + c]);
                sumExp = sumExp.add(x[c].exp());
                double q = (c == y[i] ? 1.0 - eps : 0.0) + eps / classes;
                dot = dot.add(x[c].multiply(q));
            }
            DerivativeStructure loss = sumExp.log().subtract(dot);
            assertEquals(loss.getValue(), t.crossEntropy(y, eps).toArray()[i], 1e-14);
            for (int c = 0; c < classes; c++) {
                int[] order = new int[classes];
                order[c] = 1;
                assertEquals(loss.getPartialDerivative(order), grad[i * classes + c], 1e-14, "row " + i + ", class " + c);
            }
        }
    }

    @Test
    void gradientsMatchCentralDifferencesToSecondOrder() {
        RandomGenerator rng = new MersenneTwister(17);
        List<Tensor> in = List.of(Tensor.randn(rng, 4, 3).requiresGrad(true), Tensor.randn(rng, 4));
        int[] y = labels(rng, 4, 3);
        for (double eps : new double[] {0.0, 0.3}) {
            // Weighted by a random gradient, so that the rows' gradients differ.
            Function<List<Tensor>, Tensor> f = t -> t.get(0).crossEntropy(y, eps).mul(t.get(1)).sum();
            GradCheck.check(f, in).assertPassed();
            GradCheck.checkSecondOrder(f, in).assertPassed();
        }
    }

    @Test
    void extremeLogitsStayFinite() {
        Tensor z = Tensor.of(new double[] {1000, -1000, 0, -1000, 1000, 1000}, 2, 3).requiresGrad(true);
        Tensor loss = z.crossEntropy(new int[] {0, 2}, 0.0);
        assertArrayEquals(new double[] {0, Math.log(2)}, loss.toArray(), 1e-12);
        loss.sum().backward();
        // softmax − onehot per row
        assertArrayEquals(new double[] {0, 0, 0, 0, 0.5, -0.5}, z.grad().toArray(), 1e-12);
    }

    @Test
    void inferenceKeepsNoGraph() {
        Tensor z = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        try (var scope = Autograd.noGrad()) {
            Tensor loss = z.crossEntropy(new int[] {1, 0}, 0.0);
            assertTrue(loss.isLeaf());
            assertArrayEquals(composite(z.detach(), new int[] {1, 0}, 0.0).toArray(), loss.toArray(), 0.0);
        }
        assertNull(z.grad());
    }

    @Test
    void labelsChangedAfterTheForwardPassDoNotChangeTheGradient() {
        Tensor z = Tensor.of(new double[] {0, 0, 0, 0}, 2, 2).requiresGrad(true);
        int[] y = {0, 1};
        Tensor loss = z.crossEntropy(y, 0.0).sum();
        y[0] = 1;
        loss.backward();
        assertArrayEquals(new double[] {-0.5, 0.5, 0.5, -0.5}, z.grad().toArray(), 0.0);
    }

    @Test
    void badInputNamesTheOpAndTheFix() {
        Tensor z = Tensor.zeros(2, 3);
        assertEquals("crossEntropy: label 3 at position 1 is out of range for 3 classes (valid: 0 to 2)",
                assertThrows(IllegalArgumentException.class, () -> z.crossEntropy(new int[] {0, 3}, 0.0)).getMessage());
        assertEquals("crossEntropy: 1 labels for logits of shape [2, 3]; pass one label per row",
                assertThrows(IllegalArgumentException.class, () -> z.crossEntropy(new int[] {0}, 0.0)).getMessage());
        assertEquals("crossEntropy: logits must be [batch, classes], got shape [3]; reshape one example to [1, C]",
                assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).crossEntropy(new int[] {0}, 0.0))
                        .getMessage());
        assertEquals("crossEntropy: labelSmoothing must be in [0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> z.crossEntropy(new int[] {0, 1}, 1.5)).getMessage());
        assertEquals("crossEntropy: labels is null",
                assertThrows(NullPointerException.class, () -> z.crossEntropy(null, 0.0)).getMessage());
    }
}
