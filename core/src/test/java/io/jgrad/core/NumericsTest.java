package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Numerical edge cases: stability at inputs of ±1000, values and gradients at domain edges, and the
 * conventions for gradients at kinks and ties (PyTorch's, so users can compare).
 */
final class NumericsTest {
    private static final double[] HUGE = {-1000, -999, 0, 999, 1000};
    /**
     * Precision of gradients exp(x − logSumExp(x)) at |x| ≈ 1000: the difference is rounded to
     * ulp(1000) ≈ 1.1e-13 (PyTorch computes it the same way).
     */
    private static final double NEAR_1000 = 2e-13;

    /** Runs {@code f} on a leaf holding {@code values}, backward with ones; returns {output, gradient}. */
    private static Tensor[] valueAndGrad(double[] values, UnaryOperator<Tensor> f) {
        Tensor x = Tensor.of(values).requiresGrad(true);
        Tensor y = f.apply(x);
        y.backward(Tensor.ones(y.shape().dims()));
        return new Tensor[] {y, x.grad()};
    }

    private static void assertAllFinite(String what, Tensor t) {
        for (double v : t.data()) {
            assertTrue(Double.isFinite(v), () -> what + " has a non-finite value: " + t);
        }
    }

    @Test
    void softmaxFamilyIsFiniteAtLogitsOfPlusMinus1000() {
        Tensor[] lse = valueAndGrad(HUGE, x -> x.logSumExp(0, false));
        assertEquals(1000 + Math.log(1 + Math.exp(-1)), lse[0].item(), 1e-12);
        assertAllFinite("logSumExp gradient", lse[1]);
        assertEquals(1 / (1 + Math.exp(-1)), lse[1].get(4), NEAR_1000);

        Tensor[] sm = valueAndGrad(HUGE, x -> x.softmax(0).mul(Tensor.of(new double[] {1, 2, 3, 4, 5})));
        assertAllFinite("softmax", sm[0]);
        assertAllFinite("softmax gradient", sm[1]);
        assertEquals(0.0, sm[0].get(0));
        assertEquals(5 / (1 + Math.exp(-1)), sm[0].get(4), 1e-12);
        assertEquals(4 / (1 + Math.exp(1)), sm[0].get(3), 1e-12);

        Tensor[] lsm = valueAndGrad(HUGE, x -> x.logSoftmax(0));
        assertAllFinite("logSoftmax", lsm[0]);
        assertAllFinite("logSoftmax gradient", lsm[1]);
        assertEquals(-2000 - Math.log(1 + Math.exp(-1)), lsm[0].get(0), 1e-12);

        Tensor[] all = valueAndGrad(new double[] {-1000, -1000}, x -> x.logSumExp(0, false));
        assertEquals(-1000 + Math.log(2), all[0].item(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, all[1].toArray(), NEAR_1000);
    }

    @Test
    void sigmoidTanhAndSoftplusAreFiniteAtPlusMinus1000() {
        Tensor[] s = valueAndGrad(HUGE, Tensor::sigmoid);
        assertArrayEquals(new double[] {0, 0, 0.5, 1, 1}, s[0].toArray(), 0.0);
        assertArrayEquals(new double[] {0, 0, 0.25, 0, 0}, s[1].toArray(), 0.0);

        Tensor[] t = valueAndGrad(HUGE, Tensor::tanh);
        assertArrayEquals(new double[] {-1, -1, 0, 1, 1}, t[0].toArray(), 0.0);
        assertArrayEquals(new double[] {0, 0, 1, 0, 0}, t[1].toArray(), 0.0);

        Tensor[] sp = valueAndGrad(HUGE, Tensor::softplus);
        assertArrayEquals(new double[] {0, 0, Math.log(2), 999, 1000}, sp[0].toArray(), 0.0);
        assertArrayEquals(new double[] {0, 0, 0.5, 1, 1}, sp[1].toArray(), 0.0);
        // Small arguments keep their precision: softplus(-40) = e^-40 (no cancellation to 0).
        assertEquals(Math.exp(-40), Tensor.scalar(-40).softplus().item(), 1e-30);
    }

    @Test
    void logAtZeroIsMinusInfinityAndSqrtHasAnInfiniteSlopeThere() {
        Tensor[] log = valueAndGrad(new double[] {0, 1, -1}, Tensor::log);
        assertEquals(Double.NEGATIVE_INFINITY, log[0].get(0));
        assertEquals(0.0, log[0].get(1));
        assertTrue(Double.isNaN(log[0].get(2)));
        assertEquals(Double.POSITIVE_INFINITY, log[1].get(0));

        Tensor[] sqrt = valueAndGrad(new double[] {0, 4}, Tensor::sqrt);
        assertArrayEquals(new double[] {0, 2}, sqrt[0].toArray(), 0.0);
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0.25}, sqrt[1].toArray(), 0.0);
    }

    @Test
    void powCoversIntegerFractionalAndZeroExponents() {
        double[] at = {-2, 0, 4};
        Tensor[] cube = valueAndGrad(at, x -> x.pow(3.0));
        assertArrayEquals(new double[] {-8, 0, 64}, cube[0].toArray(), 0.0);
        assertArrayEquals(new double[] {12, 0, 48}, cube[1].toArray(), 0.0);
        Tensor[] square = valueAndGrad(at, x -> x.pow(2.0));
        assertArrayEquals(new double[] {4, 0, 16}, square[0].toArray(), 0.0);
        assertArrayEquals(new double[] {-4, 0, 8}, square[1].toArray(), 0.0);
        Tensor[] zero = valueAndGrad(at, x -> x.pow(0.0));
        assertArrayEquals(new double[] {1, 1, 1}, zero[0].toArray(), 0.0);
        assertArrayEquals(new double[] {0, 0, 0}, zero[1].toArray(), 0.0);
        Tensor[] root = valueAndGrad(new double[] {4, 0}, x -> x.pow(0.5));
        assertArrayEquals(new double[] {2, 0}, root[0].toArray(), 0.0);
        assertArrayEquals(new double[] {0.25, Double.POSITIVE_INFINITY}, root[1].toArray(), 0.0);
        Tensor[] inverse = valueAndGrad(new double[] {2, -4}, x -> x.pow(-1.0));
        assertArrayEquals(new double[] {0.5, -0.25}, inverse[0].toArray(), 0.0);
        assertArrayEquals(new double[] {-0.25, -0.0625}, inverse[1].toArray(), 0.0);
    }

    @Test
    void nanPropagatesThroughEveryOp() {
        // A NaN must stay visible (anomaly detection and users rely on it), never turn into a number.
        List<UnaryOperator<Tensor>> ops = List.of(Tensor::neg, Tensor::exp, Tensor::log, Tensor::sqrt, Tensor::abs,
                Tensor::relu, x -> x.leakyRelu(0.1), Tensor::sigmoid, Tensor::tanh, Tensor::softplus,
                x -> x.clamp(-1, 1), x -> x.pow(3.0), x -> x.maximum(Tensor.scalar(0)),
                x -> Tensor.scalar(0).maximum(x), Tensor::max, x -> x.logSumExp(0, true), x -> x.softmax(0),
                x -> x.add(1.0), x -> x.mul(2.0), x -> x.div(2.0), x -> x.matmul(Tensor.ones(2)));
        for (int i = 0; i < ops.size(); i++) {
            Tensor y = ops.get(i).apply(Tensor.of(new double[] {Double.NaN, 0.5}));
            assertTrue(Double.isNaN(y.data()[0]), "op " + i + " turned NaN into " + y);
        }
    }

    @Test
    void kinksUseZeroOrTheDocumentedOneSidedSlope() {
        double[] at = {-1, 0, 2};
        assertArrayEquals(new double[] {0, 0, 1}, valueAndGrad(at, Tensor::relu)[1].toArray(), 0.0);
        assertArrayEquals(new double[] {-1, 0, 1}, valueAndGrad(at, Tensor::abs)[1].toArray(), 0.0);
        assertArrayEquals(new double[] {0.1, 0.1, 1}, valueAndGrad(at, x -> x.leakyRelu(0.1))[1].toArray(), 0.0);
        assertArrayEquals(new double[] {-0.1, 0, 2}, valueAndGrad(at, x -> x.leakyRelu(0.1))[0].toArray(), 0.0);
    }

    @Test
    void clampPassesTheGradientAtBothBoundaries() {
        Tensor[] c = valueAndGrad(new double[] {-2, -1, 0, 1, 2}, x -> x.clamp(-1, 1));
        assertArrayEquals(new double[] {-1, -1, 0, 1, 1}, c[0].toArray(), 0.0);
        assertArrayEquals(new double[] {0, 1, 1, 1, 0}, c[1].toArray(), 0.0);
    }

    @Test
    void maximumSplitsTheGradientAtTies() {
        Tensor a = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {3, 2, 1}).requiresGrad(true);
        Tensor m = a.maximum(b);
        assertArrayEquals(new double[] {3, 2, 3}, m.toArray(), 0.0);
        m.backward(Tensor.of(new double[] {10, 20, 30}));
        assertArrayEquals(new double[] {0, 10, 30}, a.grad().toArray(), 0.0);
        assertArrayEquals(new double[] {10, 10, 0}, b.grad().toArray(), 0.0);
    }

    @Test
    void maxReductionSharesTheGradientAmongTiedMaxima() {
        Tensor[] whole = valueAndGrad(new double[] {5, 1, 5, 5}, Tensor::max);
        assertEquals(5.0, whole[0].item());
        assertArrayEquals(new double[] {1.0 / 3, 0, 1.0 / 3, 1.0 / 3}, whole[1].toArray(), 0.0);

        Tensor x = Tensor.of(new double[] {2, 2, 1, 0, 4, 3}, 2, 3).requiresGrad(true);
        Tensor rowMax = x.max(1, false);
        assertArrayEquals(new double[] {2, 4}, rowMax.toArray(), 0.0);
        rowMax.backward(Tensor.of(new double[] {6, 8}));
        assertArrayEquals(new double[] {3, 3, 0, 0, 8, 0}, x.grad().toArray(), 0.0);
    }
}
