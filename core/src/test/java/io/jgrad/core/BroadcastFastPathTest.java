package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The contiguous fast paths for an operand repeated along leading dimensions (a bias over a batch)
 * and for summing leading dimensions away, against the same values computed element by element.
 */
final class BroadcastFastPathTest {

    @Test
    void repeatsIntoMeansWholeTrailingCopies() {
        assertTrue(Shape.of(4).repeatsInto(Shape.of(3, 4)));
        assertTrue(Shape.of(1, 4).repeatsInto(Shape.of(3, 4)));
        assertTrue(Shape.of(2, 4).repeatsInto(Shape.of(5, 2, 4)));
        assertTrue(Shape.of(1, 1).repeatsInto(Shape.of(3, 4)));
        assertFalse(Shape.of(3, 1).repeatsInto(Shape.of(3, 4)));
        assertFalse(Shape.of(2, 1, 4).repeatsInto(Shape.of(2, 3, 4)));
        assertFalse(Shape.of(3, 4).repeatsInto(Shape.of(4)));
    }

    @ParameterizedTest(name = "{0} op {1}")
    @CsvSource({"3 4, 4", "3 4, 1 4", "5 2 4, 2 4", "4, 3 4", "1 4, 3 4", "2 3 4, 4"})
    void binaryOpsMatchElementwise(String sa, String sb) {
        RandomGenerator rng = new MersenneTwister(sa.hashCode() * 31L + sb.hashCode());
        Tensor a = Tensor.randn(rng, dims(sa)).add(3.0);
        Tensor b = Tensor.randn(rng, dims(sb)).add(3.0);
        Shape out = Shape.broadcast("test", a.shape(), b.shape());
        double[] x = expanded(a, out), y = expanded(b, out);
        double[] add = new double[x.length], mul = new double[x.length], sub = new double[x.length], div = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            add[i] = x[i] + y[i];
            mul[i] = x[i] * y[i];
            sub[i] = x[i] - y[i];
            div[i] = x[i] / y[i];
        }
        assertArrayEquals(add, a.add(b).toArray(), 0.0);
        assertArrayEquals(mul, a.mul(b).toArray(), 0.0);
        assertArrayEquals(sub, a.sub(b).toArray(), 0.0);
        assertArrayEquals(div, a.div(b).toArray(), 1e-15);
    }

    @Test
    void biasGradientSumsTheBatch() {
        Tensor bias = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 4, 3);
        x.add(bias).mul(x).sum().backward();
        assertArrayEquals(new double[] {1 + 4 + 7 + 10, 2 + 5 + 8 + 11, 3 + 6 + 9 + 12}, bias.grad().toArray(), 0.0);
        assertArrayEquals(new double[] {22, 26, 30}, x.sum(0, false).toArray(), 0.0);
        assertArrayEquals(new double[] {22, 26, 30}, x.sum(0, true).toArray(), 0.0);
        assertArrayEquals(new double[] {6, 15, 24, 33}, x.sum(1, false).toArray(), 0.0);
    }

    private static int[] dims(String s) {
        String[] parts = s.trim().split(" ");
        int[] d = new int[parts.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Integer.parseInt(parts[i]);
        }
        return d;
    }

    /** t's values at every index of {@code out}, read element by element. */
    private static double[] expanded(Tensor t, Shape out) {
        int[] od = out.dims(), td = t.shape().dims();
        double[] r = new double[out.size()];
        int[] idx = new int[od.length];
        for (int flat = 0; flat < r.length; flat++) {
            int rem = flat;
            for (int d = od.length - 1; d >= 0; d--) {
                idx[d] = rem % od[d];
                rem /= od[d];
            }
            int src = 0;
            for (int d = 0; d < td.length; d++) {
                int i = idx[d + od.length - td.length];
                src = src * td[d] + (td[d] == 1 ? 0 : i);
            }
            r[flat] = t.data()[src];
        }
        return r;
    }
}
