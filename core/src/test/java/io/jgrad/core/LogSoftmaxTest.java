package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The one-pass logSoftmax against its definition x − logSumExp(x) built from recorded ops, along
 * every axis: values, gradients, and second order (its backward under createGraph).
 */
final class LogSoftmaxTest {

    @ParameterizedTest(name = "axis {0}")
    @ValueSource(ints = {0, 1, 2, -1})
    void sameValuesAndGradientsAsSubtractingLogSumExp(int axis) {
        RandomGenerator rng = new MersenneTwister(7 + axis);
        Tensor x = Tensor.randn(rng, 3, 4, 5).mul(4.0).detach().requiresGrad(true);
        Tensor g = Tensor.randn(rng, 3, 4, 5);

        Tensor fused = x.logSoftmax(axis);
        assertEquals("logSoftmax", fused.opName());
        Tensor plain = x.sub(x.logSumExp(axis, true));
        Oracle.assertClose("forward", plain, fused);
        Oracle.assertClose("grad", Autograd.grad(plain, List.of(x), g, false).get(0),
                Autograd.grad(fused, List.of(x), g, false).get(0));
        Oracle.assertClose("softmax", plain.exp(), x.softmax(axis));
    }

    @Test
    void gradientsMatchCentralDifferencesToSecondOrder() {
        RandomGenerator rng = new MersenneTwister(11);
        List<Tensor> in = List.of(Tensor.randn(rng, 3, 4).requiresGrad(true), Tensor.randn(rng, 3, 4));
        // A weighted sum, so that the gradient of the output is not uniform along the axis.
        Function<List<Tensor>, Tensor> f = t -> t.get(0).logSoftmax(1).mul(t.get(1)).sum();
        GradCheck.Report first = GradCheck.check(f, in);
        assertTrue(first.passed(), first.toString());
        GradCheck.Report second = GradCheck.checkSecondOrder(f, in);
        assertTrue(second.passed(), second.toString());
    }

    @Test
    void extremeLogitsStayFinite() {
        Tensor x = Tensor.of(new double[] {1000, -1000, 0, -1000, 1000, 1000}, 2, 3).requiresGrad(true);
        Tensor y = x.logSoftmax(1);
        assertArrayEquals(new double[] {0, -2000, -1000, -2000 - Math.log(2), -Math.log(2), -Math.log(2)},
                y.toArray(), 1e-12);
        y.sum().backward();
        // d/dx Σ_j logSoftmax_j = 1 − n·softmax(x)
        assertArrayEquals(new double[] {1 - 3, 1, 1, 1, 1 - 1.5, 1 - 1.5}, x.grad().toArray(), 1e-12);
    }

    @Test
    void withoutRecordingTheValuesAreTheSameBitForBit() {
        Tensor x = Tensor.of(new double[] {0.5, -2, 3, Double.POSITIVE_INFINITY, 1, 1, -1, 7, 0.25}, 3, 3)
                .requiresGrad(true);
        for (int axis = 0; axis < 2; axis++) {
            double[] recorded = x.logSoftmax(axis).toArray();
            try (var scope = Autograd.noGrad()) {
                assertArrayEquals(recorded, x.logSoftmax(axis).toArray(), 0.0);
            }
        }
    }
}
