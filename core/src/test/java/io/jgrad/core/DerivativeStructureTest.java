package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Scalar compositions cross-checked against commons-math3 {@link DerivativeStructure}, an
 * independent forward-mode implementation: value, gradient and Hessian (via createGraph twice), and
 * the third derivative for functions of one variable, at several points each.
 */
final class DerivativeStructureTest {
    /**
     * Both sides evaluate the same formulas in different orders, so they agree to a few ulps of the
     * largest intermediate; derivatives in these cases stay within a few orders of the value.
     */
    private static final double RTOL = 1e-12;

    /** One composition written twice: with tensors and with derivative structures. */
    private record Case(String name, Function<List<Tensor>, Tensor> tensors,
                        Function<DerivativeStructure[], DerivativeStructure> forward, double[][] points) {
    }

    private static DerivativeStructure sigmoid(DerivativeStructure z) {
        return z.negate().exp().add(1).reciprocal();
    }

    /** Two scalars as the vector [a, b], built from differentiable ops (there is no stack op). */
    private static Tensor pair(Tensor a, Tensor b) {
        return a.mul(Tensor.of(new double[] {1, 0})).add(b.mul(Tensor.of(new double[] {0, 1})));
    }

    private static List<Case> cases() {
        return List.of(
                new Case("5u^4 with u = x^3 + 7",
                        in -> in.get(0).pow(3.0).add(7.0).pow(4.0).mul(5.0),
                        v -> v[0].pow(3).add(7).pow(4).multiply(5),
                        new double[][] {{-1.3}, {0.4}, {1.1}}),
                new Case("sigmoid(3 tanh x)",
                        in -> in.get(0).tanh().mul(3.0).sigmoid(),
                        v -> sigmoid(v[0].tanh().multiply(3)),
                        new double[][] {{-2}, {0.1}, {0.9}}),
                new Case("log(1 + e^x) as softplus",
                        in -> in.get(0).softplus(),
                        v -> v[0].exp().log1p(),
                        new double[][] {{-3}, {0}, {2.5}}),
                new Case("sqrt(x^2 + 1) / (x + 2)",
                        in -> in.get(0).pow(2.0).add(1.0).sqrt().div(in.get(0).add(2.0)),
                        v -> v[0].pow(2).add(1).sqrt().divide(v[0].add(2)),
                        new double[][] {{-1.5}, {0.3}, {4}}),
                new Case("x^2.5 log x",
                        in -> in.get(0).pow(2.5).mul(in.get(0).log()),
                        v -> v[0].pow(2.5).multiply(v[0].log()),
                        new double[][] {{0.2}, {1.7}, {3}}),
                new Case("exp(-x^2 / 2) / (1 + x^-2)",
                        in -> in.get(0).pow(2.0).mul(-0.5).exp().div(in.get(0).pow(-2.0).add(1.0)),
                        v -> v[0].pow(2).multiply(-0.5).exp().divide(v[0].pow(-2).add(1)),
                        new double[][] {{-0.7}, {0.5}, {1.9}}),
                new Case("x / (1 + |x|) - relu(x) tanh(x)",
                        in -> in.get(0).div(in.get(0).abs().add(1.0)).sub(in.get(0).relu().mul(in.get(0).tanh())),
                        v -> v[0].divide(v[0].abs().add(1))
                                .subtract(v[0].getValue() > 0 ? v[0].multiply(v[0].tanh()) : v[0].multiply(0)),
                        new double[][] {{-1.2}, {0.6}, {2.2}}),
                new Case("x y / (1 + e^-x) + y^2 sqrt x",
                        in -> in.get(0).mul(in.get(1)).mul(in.get(0).sigmoid())
                                .add(in.get(1).pow(2.0).mul(in.get(0).sqrt())),
                        v -> v[0].multiply(v[1]).multiply(sigmoid(v[0])).add(v[1].pow(2).multiply(v[0].sqrt())),
                        new double[][] {{0.5, -1}, {2, 0.3}, {1.1, 2.5}}),
                new Case("(x - y)^2 / (x^2 + y^2 + 1)",
                        in -> in.get(0).sub(in.get(1)).pow(2.0)
                                .div(in.get(0).pow(2.0).add(in.get(1).pow(2.0)).add(1.0)),
                        v -> v[0].subtract(v[1]).pow(2).divide(v[0].pow(2).add(v[1].pow(2)).add(1)),
                        new double[][] {{1, -1}, {0.2, 0.7}, {-3, 2}}),
                new Case("logSumExp and softmax of [x, 2y]",
                        in -> {
                            Tensor z = pair(in.get(0), in.get(1).mul(2.0));
                            return z.logSumExp(0, false).add(z.softmax(0).mul(Tensor.of(new double[] {0, 3})).sum());
                        },
                        v -> {
                            DerivativeStructure lse = v[0].exp().add(v[1].multiply(2).exp()).log();
                            return lse.add(v[1].multiply(2).subtract(lse).exp().multiply(3));
                        },
                        new double[][] {{0.3, -0.4}, {2, 1.5}, {-1, 0.2}}),
                new Case("log(x) - log(y) + x^3 y^-1",
                        in -> in.get(0).log().sub(in.get(1).log()).add(in.get(0).pow(3.0).mul(in.get(1).pow(-1.0))),
                        v -> v[0].log().subtract(v[1].log()).add(v[0].pow(3).multiply(v[1].pow(-1))),
                        new double[][] {{0.5, 2}, {1.3, 0.4}, {2, 3}}));
    }

    @TestFactory
    Stream<DynamicTest> compositionsMatchForwardModeDerivatives() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            for (double[] p : c.points()) {
                tests.add(DynamicTest.dynamicTest(c.name() + " at " + Arrays.toString(p), () -> check(c, p)));
            }
        }
        return tests.stream();
    }

    private static void check(Case c, double[] point) {
        int n = point.length;
        int order = n == 1 ? 3 : 2;
        DerivativeStructure[] vars = new DerivativeStructure[n];
        for (int i = 0; i < n; i++) {
            vars[i] = new DerivativeStructure(n, order, i, point[i]);
        }
        DerivativeStructure expected = c.forward().apply(vars);
        double[][] actual = Derivatives.valueGradientHessian(c.tensors(), point);

        assertClose("value", expected.getValue(), actual[0][0]);
        for (int i = 0; i < n; i++) {
            assertClose("d/dx" + i, expected.getPartialDerivative(unit(n, i, -1)), actual[1][i]);
            for (int j = 0; j < n; j++) {
                assertClose("d2/dx" + i + "dx" + j, expected.getPartialDerivative(unit(n, i, j)), actual[2 + i][j]);
            }
        }
        if (n == 1) {
            double third = Derivatives.ofScalar(point[0], x -> c.tensors().apply(List.of(x)), 3)[2];
            assertClose("d3/dx3", expected.getPartialDerivative(3), third);
        }
    }

    /** Derivative orders: one for parameter i and one more for j (j = -1 for a first derivative). */
    private static int[] unit(int n, int i, int j) {
        int[] orders = new int[n];
        orders[i]++;
        if (j >= 0) {
            orders[j]++;
        }
        return orders;
    }

    private static void assertClose(String what, double expected, double actual) {
        assertEquals(expected, actual, RTOL * Math.max(1, Math.abs(expected)), what);
    }
}
