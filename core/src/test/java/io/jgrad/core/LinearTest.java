package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused x·W + b (and x·W + b with its ReLU) against the unfused ops, forward, backward and
 * second order.
 */
final class LinearTest {

    private static int[] inputShape(int rank) {
        return switch (rank) {
            case 1 -> new int[] {5};
            case 2 -> new int[] {3, 5};
            default -> new int[] {2, 3, 5};
        };
    }

    @ParameterizedTest(name = "input rank {0}")
    @ValueSource(ints = {1, 2, 3})
    void sameValuesAndGradientsAsMatmulThenAdd(int rank) {
        RandomGenerator rng = new MersenneTwister(rank);
        Tensor x = Tensor.randn(rng, inputShape(rank)).requiresGrad(true);
        Tensor w = Tensor.randn(rng, 5, 4).requiresGrad(true);
        Tensor b = Tensor.randn(rng, 4).requiresGrad(true);
        Tensor g = Tensor.randn(rng, x.shape().with(rank - 1, 4).dims());

        Tensor fused = x.linear(w, b);
        assertEquals("linear", fused.opName());
        List<Tensor> gf = Autograd.grad(fused, List.of(x, w, b), g, false);
        Tensor plain = x.matmul(w).add(b);
        List<Tensor> gp = Autograd.grad(plain, List.of(x, w, b), g, false);

        Oracle.assertClose("forward", plain, fused);
        for (int i = 0; i < 3; i++) {
            Oracle.assertClose("grad " + i, gp.get(i), gf.get(i));
        }
    }

    @Test
    void gradientsMatchCentralDifferencesToSecondOrder() {
        RandomGenerator rng = new MersenneTwister(3);
        List<Tensor> in = List.of(Tensor.randn(rng, 2, 3, 5).requiresGrad(true), Tensor.randn(rng, 5, 4).requiresGrad(true),
                Tensor.randn(rng, 4).requiresGrad(true));
        // tanh makes the second derivative of every input non-zero.
        java.util.function.Function<List<Tensor>, Tensor> f = t -> t.get(0).linear(t.get(1), t.get(2)).tanh();
        GradCheck.Report first = GradCheck.check(f, in);
        assertTrue(first.passed(), first.toString());
        GradCheck.Report second = GradCheck.checkSecondOrder(f, in);
        assertTrue(second.passed(), second.toString());
    }

    @Test
    void onlyTheInputsThatNeedItGetAGradient() {
        RandomGenerator rng = new MersenneTwister(4);
        Tensor x = Tensor.randn(rng, 3, 5);
        Tensor w = Tensor.randn(rng, 5, 2).requiresGrad(true);
        Tensor b = Tensor.randn(rng, 2);
        x.linear(w, b).sum().backward();
        // d(Σ x·W)/dW[i, j] = Σ_rows x[r, i]
        double[] expected = new double[10];
        for (int i = 0; i < 5; i++) {
            double s = x.get(0, i) + x.get(1, i) + x.get(2, i);
            expected[2 * i] = s;
            expected[2 * i + 1] = s;
        }
        Oracle.assertClose("dW", Tensor.of(expected, 5, 2), w.grad());
        assertEquals(null, x.grad());
    }

    @Test
    void largeEnoughForTheBlockedAndParallelKernel() {
        RandomGenerator rng = new MersenneTwister(5);
        Tensor x = Tensor.randn(rng, 70, 90).requiresGrad(true);
        Tensor w = Tensor.randn(rng, 90, 130).requiresGrad(true);
        Tensor b = Tensor.randn(rng, 130).requiresGrad(true);
        Tensor g = Tensor.randn(rng, 70, 130);
        List<Tensor> gf = Autograd.grad(x.linear(w, b), List.of(x, w, b), g, false);
        List<Tensor> gp = Autograd.grad(x.matmul(w).add(b), List.of(x, w, b), g, false);
        Oracle.assertClose("forward", x.matmul(w).add(b), x.linear(w, b));
        for (int i = 0; i < 3; i++) {
            Oracle.assertClose("grad " + i, gp.get(i), gf.get(i));
        }
    }

    @ParameterizedTest(name = "input rank {0}")
    @ValueSource(ints = {1, 2, 3})
    void linearReluIsLinearThenReluExactly(int rank) {
        RandomGenerator rng = new MersenneTwister(10 + rank);
        Tensor x = Tensor.randn(rng, inputShape(rank)).requiresGrad(true);
        Tensor w = Tensor.randn(rng, 5, 4).requiresGrad(true);
        Tensor b = Tensor.randn(rng, 4).requiresGrad(true);
        Tensor g = Tensor.randn(rng, x.shape().with(rank - 1, 4).dims());
        Tensor fused = x.linearRelu(w, b);
        assertEquals("linearRelu", fused.opName());
        Tensor plain = x.linear(w, b).relu();
        assertTrue(Arrays.equals(plain.data(), fused.data()), "forward");
        List<Tensor> gf = Autograd.grad(fused, List.of(x, w, b), g, false);
        List<Tensor> gp = Autograd.grad(plain, List.of(x, w, b), g, false);
        for (int i = 0; i < 3; i++) {
            assertTrue(Arrays.equals(gp.get(i).data(), gf.get(i).data()), "grad " + i);
        }
        // A plain backward (masking in place, adding into kept gradients) gives the same again.
        for (int pass = 0; pass < 2; pass++) {
            List.of(x, w, b).forEach(Tensor::zeroGrad);
            x.linearRelu(w, b).backward(g);
            for (int i = 0; i < 3; i++) {
                assertTrue(Arrays.equals(gp.get(i).data(), List.of(x, w, b).get(i).grad().data()), "backward grad " + i);
            }
        }
    }

    @Test
    void linearReluSecondOrderEqualsTheUnfusedOps() {
        RandomGenerator rng = new MersenneTwister(21);
        List<Tensor> in = List.of(Tensor.randn(rng, 6, 5).requiresGrad(true), Tensor.randn(rng, 5, 4).requiresGrad(true),
                Tensor.randn(rng, 4).requiresGrad(true));
        Tensor v = Tensor.randn(rng, 6, 4);
        // Hessian-vector products of Σ relu(x·W + b)² · v: the mask is constant, the rest bilinear.
        java.util.function.Function<Tensor, List<Tensor>> hvp = y -> {
            List<Tensor> g = Autograd.grad(y.mul(y).mul(v).sum(), in, true);
            return Autograd.grad(g.get(0).sum().add(g.get(1).sum()).add(g.get(2).sum()), in, false);
        };
        List<Tensor> fused = hvp.apply(in.get(0).linearRelu(in.get(1), in.get(2)));
        List<Tensor> plain = hvp.apply(in.get(0).linear(in.get(1), in.get(2)).relu());
        for (int i = 0; i < 3; i++) {
            Oracle.assertClose("second order " + i, plain.get(i), fused.get(i));
        }
    }

    @Test
    void linearReluPassesNaNAndMapsNegativeZeroLikeRelu() {
        Tensor x = Tensor.of(new double[] {1, Double.NaN, -0.0, 0.0}, 4, 1);
        Tensor w = Tensor.of(new double[] {1.0}, 1, 1);
        Tensor b = Tensor.of(new double[] {-0.0});
        assertTrue(Arrays.equals(x.linear(w, b).relu().data(), x.linearRelu(w, b).data()));
    }

    @Test
    void rejectsMismatchedShapes() {
        Tensor x = Tensor.zeros(3, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.linear(Tensor.zeros(4, 2), Tensor.zeros(2)));
        assertTrue(e.getMessage().contains("[3, 5]") && e.getMessage().contains("4 features"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.linear(Tensor.zeros(5, 2), Tensor.zeros(3)));
        assertTrue(e.getMessage().contains("bias [3]"), e.getMessage());
        assertTrue(Arrays.equals(new int[] {3, 2}, x.linear(Tensor.zeros(5, 2), Tensor.ones(2)).shape().dims()));
        e = assertThrows(IllegalArgumentException.class, () -> x.linearRelu(Tensor.zeros(4, 2), Tensor.zeros(2)));
        assertTrue(e.getMessage().startsWith("linearRelu: input of shape [3, 5]"), e.getMessage());
    }
}
