package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Numerical edges beyond first derivatives at ±1000: second derivatives of the softmax family at
 * ±1000 and at ±Double.MAX_VALUE, the value and gradient of every op with a domain edge (the table
 * of docs/RELIABILITY.md, PyTorch's results), and where anomaly detection says a NaN or infinity
 * first appeared.
 */
final class NumericalEdgesReliabilityTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double NAN = Double.NaN;

    /** Rows of docs/RELIABILITY.md's domain-edge table: op, x, value, gradient of the value. */
    static Stream<Arguments> domainEdges() {
        return Stream.of(
                edge("log", Tensor::log, 0.0, -INF, INF),
                edge("log", Tensor::log, -0.0, -INF, -INF),
                edge("log", Tensor::log, -1.0, NAN, -1.0),
                edge("log", Tensor::log, INF, INF, 0.0),
                edge("sqrt", Tensor::sqrt, 0.0, 0.0, INF),
                edge("sqrt", Tensor::sqrt, -0.0, -0.0, -INF),
                edge("sqrt", Tensor::sqrt, -1.0, NAN, NAN),
                edge("sqrt", Tensor::sqrt, INF, INF, 0.0),
                edge("pow 0.5", x -> x.pow(0.5), 0.0, 0.0, INF),
                edge("pow 0.5", x -> x.pow(0.5), -4.0, NAN, NAN),
                edge("pow -1", x -> x.pow(-1.0), 0.0, INF, -INF),
                edge("pow -1", x -> x.pow(-1.0), -0.0, -INF, -INF),
                edge("pow 0", x -> x.pow(0.0), 0.0, 1.0, 0.0),
                edge("pow 0", x -> x.pow(0.0), NAN, 1.0, 0.0),
                edge("pow 1", x -> x.pow(1.0), 0.0, 0.0, 1.0),
                edge("pow 1/3", x -> x.pow(1.0 / 3), -8.0, NAN, NAN),
                edge("pow 3", x -> x.pow(3.0), -2.0, -8.0, 12.0),
                edge("exp", Tensor::exp, 1000.0, INF, INF),
                edge("exp", Tensor::exp, -1000.0, 0.0, 0.0),
                edge("exp", Tensor::exp, -INF, 0.0, 0.0),
                edge("1 / x", x -> Tensor.scalar(1).div(x), 0.0, INF, -INF),
                edge("0 / x", x -> Tensor.scalar(0).div(x), 0.0, NAN, NAN),
                edge("x / 0", x -> x.div(0.0), 1.0, INF, INF),
                edge("tanh", Tensor::tanh, INF, 1.0, 0.0),
                edge("sigmoid", Tensor::sigmoid, -INF, 0.0, 0.0),
                edge("softplus", Tensor::softplus, INF, INF, 1.0),
                edge("softplus", Tensor::softplus, -INF, 0.0, 0.0));
    }

    private static Arguments edge(String op, UnaryOperator<Tensor> f, double x, double value, double gradient) {
        return Arguments.of(op, f, x, value, gradient);
    }

    @ParameterizedTest(name = "{0} at {2}")
    @MethodSource("domainEdges")
    void domainEdgesGiveWhatMathematicsAndPyTorchGive(String op, UnaryOperator<Tensor> f, double x, double value,
                                                      double gradient) {
        Tensor leaf = Tensor.scalar(x).requiresGrad(true);
        Tensor y = f.apply(leaf);
        assertEquals(value, y.item(), 0.0, op + " value");
        y.backward();
        assertEquals(gradient, leaf.grad().item(), 0.0, op + " gradient");
    }

    @Test
    void secondDerivativesOfTheSoftmaxFamilyAreFiniteAtPlusMinus1000AndAtTheLargestDoubles() {
        double max = Double.MAX_VALUE;
        for (double[] row : new double[][] {{-1000, 0, 1000}, {1000, 1000, -1000}, {max, -max, 0}, {-max, -max, 5}}) {
            List<UnaryOperator<Tensor>> family = List.of(x -> x.logSumExp(0, false), x -> x.softmax(0).mul(weights()),
                    x -> x.logSoftmax(0).mul(weights()), x -> x.sigmoid().mul(weights()), x -> x.softplus().mul(weights()),
                    x -> x.tanh().mul(weights()));
            for (int f = 0; f < family.size(); f++) {
                Tensor x = Tensor.of(row).requiresGrad(true);
                Tensor y = family.get(f).apply(x).sum();
                Tensor g = Autograd.grad(y, List.of(x), true).get(0);
                assertAllFinite("gradient " + f + " at " + java.util.Arrays.toString(row), g);
                Tensor hv = Autograd.grad(g.mul(weights()).sum(), List.of(x), false).get(0);
                assertAllFinite("Hessian-vector product " + f + " at " + java.util.Arrays.toString(row), hv);
            }
        }
    }

    @Test
    void logSumExpAtTheLargestDoublesIsExact() {
        Tensor x = Tensor.of(new double[] {Double.MAX_VALUE, -Double.MAX_VALUE}).requiresGrad(true);
        Tensor y = x.logSumExp(0, false);
        assertEquals(Double.MAX_VALUE, y.item());
        y.backward();
        assertEquals(List.of(1.0, 0.0), List.of(x.grad().get(0), x.grad().get(1)));
    }

    private static Tensor weights() {
        return Tensor.of(new double[] {0.3, -1.2, 2.0});
    }

    private static void assertAllFinite(String what, Tensor t) {
        for (double v : t.data()) {
            assertTrue(Double.isFinite(v), () -> what + " is not finite: " + t);
        }
    }

    /** a = 2x (fine), b = √a (infinite slope at 0), c = 3b, loss = Σ c: the first bad gradient is sqrt's. */
    private static Tensor squareRootOf(Tensor a) {
        return a.sqrt();
    }

    @Test
    void anomalyDetectionNamesTheFirstOpWhoseBackwardWentBadAndWhereItWasMade() {
        Tensor x = Tensor.of(new double[] {4, 0}).requiresGrad(true);
        Autograd.detectAnomaly(true);
        try {
            Tensor loss = squareRootOf(x.mul(2.0)).mul(3.0).log().sum();
            IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
            // log at 3·√0 = 0 gives an infinite gradient first (backward runs from the output), before sqrt.
            assertTrue(e.getMessage().startsWith("anomaly: backward of log produced infinity in the gradient of its"
                    + " input 0 (shape [2]); the log was created\n    at io.jgrad.core.NumericalEdgesReliabilityTest"
                    + ".anomalyDetectionNamesTheFirstOpWhoseBackwardWentBadAndWhereItWasMade("), e.getMessage());
            assertNull(x.grad(), "nothing was accumulated");

            Tensor plain = squareRootOf(x.mul(2.0)).mul(3.0).sum();
            IllegalStateException s = assertThrows(IllegalStateException.class, plain::backward);
            assertTrue(s.getMessage().startsWith("anomaly: backward of sqrt produced infinity in the gradient of its"
                    + " input 0 (shape [2]); the sqrt was created\n    at io.jgrad.core.NumericalEdgesReliabilityTest"
                    + ".squareRootOf("), s.getMessage());
            assertEquals("sum: trying to backward through the graph a second time, but it was released by the first"
                    + " backward; pass retainGraph = true to the first backward(...) call if you need to call it again",
                    assertThrows(IllegalStateException.class, plain::backward).getMessage(),
                    "the ops before the failure were released; rebuild the graph to retry");

            Tensor viaGrad = squareRootOf(x.mul(2.0)).sum();
            IllegalStateException g = assertThrows(IllegalStateException.class,
                    () -> Autograd.grad(viaGrad, List.of(x), true));
            assertTrue(g.getMessage().startsWith("anomaly: backward of sqrt produced infinity"), g.getMessage());
            assertTrue(Autograd.isGradEnabled(), "a failed createGraph pass restores recording");
        } finally {
            Autograd.detectAnomaly(false);
        }
    }

    @Test
    void nonFiniteForwardValuesWithFiniteGradientsAreNotAnomalies() {
        Autograd.detectAnomaly(true);
        try {
            Tensor x = Tensor.of(new double[] {Double.NEGATIVE_INFINITY, 0, 5}).requiresGrad(true);
            Tensor loss = x.exp().mul(Tensor.of(new double[] {1, 1, 0})).sum().add(x.relu().clamp(0, 1).sum());
            loss.backward();
            assertEquals(List.of(0.0, 1.0, 0.0), List.of(x.grad().get(0), x.grad().get(1), x.grad().get(2)));
        } finally {
            Autograd.detectAnomaly(false);
        }
        assertFalse(Autograd.isAnomalyDetectionEnabled());
    }
}
