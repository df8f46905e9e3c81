package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gradient conventions at kinks and ties, one test per row of the table in
 * docs/RELIABILITY.md (the same choices as PyTorch), including the cases a single-op test misses:
 * negative zero, ties against a broadcast operand, ties along an axis of a batch, and second
 * derivatives at the kink.
 */
final class TieConventionsReliabilityTest {

    private static double[] grad(Tensor leaf, Tensor out, double... seed) {
        out.backward(Tensor.of(seed, out.shape()));
        return leaf.grad().toArray();
    }

    @Test
    void reluHasSlopeZeroAtZeroAndNegativeZero() {
        Tensor x = Tensor.of(new double[] {0.0, -0.0, 1e-300, -1e-300}).requiresGrad(true);
        assertArrayEquals(new double[] {0, 0, 1, 0}, grad(x, x.relu(), 1, 1, 1, 1));
    }

    @Test
    void reluMapsNegativeZeroToZeroPassesNaNAndItsMaskedGradientsArePositiveZero() {
        Tensor x = Tensor.of(new double[] {-0.0, Double.NaN, -2, 0.0, Double.MIN_VALUE, Double.POSITIVE_INFINITY})
                .requiresGrad(true);
        Tensor y = x.relu();
        assertArrayEquals(new double[] {0.0, Double.NaN, 0.0, 0.0, Double.MIN_VALUE, Double.POSITIVE_INFINITY},
                y.toArray(), 0.0);
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(y.toArray()[0]), "relu(-0.0) is +0.0");
        // PyTorch's threshold_backward: the gradient is blocked only where the output is <= 0, so a
        // NaN output passes it on; a blocked entry is +0.0 even when the incoming gradient is negative.
        double[] g = grad(x, y, -5, -6, -7, -8, -9, -10);
        assertArrayEquals(new double[] {0.0, -6, 0.0, 0.0, -9, -10}, g, 0.0);
        for (int i : new int[] {0, 2, 3}) {
            assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(g[i]), "entry " + i + " is +0.0");
        }
    }

    @Test
    void leakyReluHasTheNegativeSlopeAtZero() {
        Tensor x = Tensor.of(new double[] {0.0, -0.0}).requiresGrad(true);
        assertArrayEquals(new double[] {0.2, 0.2}, grad(x, x.leakyRelu(0.2), 1, 1));
    }

    @Test
    void absHasSlopeZeroAtZero() {
        Tensor x = Tensor.of(new double[] {0.0, -0.0, -3}).requiresGrad(true);
        assertArrayEquals(new double[] {0, 0, -1}, grad(x, x.abs(), 1, 1, 1), 0.0, "sign(±0) = ±0, a zero slope");
    }

    @Test
    void clampPassesTheGradientOnBothBoundariesAndOnADegenerateInterval() {
        Tensor x = Tensor.of(new double[] {-1, 1, 2}).requiresGrad(true);
        assertArrayEquals(new double[] {1, 1, 0}, grad(x, x.clamp(-1, 1), 1, 1, 1));
        Tensor y = Tensor.of(new double[] {0.5, 0.4}).requiresGrad(true);
        assertArrayEquals(new double[] {1, 0}, grad(y, y.clamp(0.5, 0.5), 1, 1), "lo = hi: only x = lo passes");
    }

    @Test
    void maxSharesTheGradientEquallyAmongTiedMaximaOfEachSlice() {
        Tensor x = Tensor.of(new double[] {3, 3, 3, 1, 7, 7}, 2, 3).requiresGrad(true);
        assertArrayEquals(new double[] {2, 2, 2, 0, 4, 4}, grad(x, x.max(1, false), 6, 8));
        Tensor all = Tensor.of(new double[] {-0.0, 0.0}).requiresGrad(true);
        assertArrayEquals(new double[] {0.5, 0.5}, grad(all, all.max(), 1), "−0 and +0 are tied");
    }

    @Test
    void maximumSplitsTiesInHalfAlsoAgainstABroadcastOperand() {
        Tensor a = Tensor.of(new double[] {1, 1, 2}).requiresGrad(true);
        Tensor b = Tensor.scalar(1).requiresGrad(true);
        Tensor m = a.maximum(b);
        m.backward(Tensor.of(new double[] {10, 20, 30}));
        assertArrayEquals(new double[] {5, 10, 30}, a.grad().toArray());
        assertEquals(15.0, b.grad().item(), "the broadcast side sums its halves");
    }

    @Test
    void argmaxPicksTheFirstOfTiedMaxima() {
        assertArrayEquals(new int[] {1, 0}, Tensor.of(new double[] {0, 5, 5, 9, 9, 9}, 2, 3).argmax(1));
    }

    @Test
    void secondDerivativesAtTheKinksAreZero() {
        for (double at : new double[] {0.0, -0.0}) {
            Tensor x = Tensor.scalar(at).requiresGrad(true);
            Tensor g = Autograd.grad(x.relu().add(x.abs()).add(x.leakyRelu(0.3)).add(x.clamp(0, 1)), List.of(x), true)
                    .get(0);
            assertEquals(1.3, g.item(), 1e-15, "0 + 0 + 0.3 + 1");
            // Each slope is a constant mask times the seed, so the gradient depends on x through nothing:
            // its derivative is 0 and it is not even recorded.
            assertFalse(g.requiresGrad());
        }
    }
}
