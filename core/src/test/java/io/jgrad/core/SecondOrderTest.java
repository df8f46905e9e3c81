package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Second derivatives of compositions through {@code createGraph}: Hessian-vector products against
 * differences of gradients, Hessian symmetry, gradient penalties, and second-order checks of the
 * building blocks of networks and losses.
 */
final class SecondOrderTest {
    private final RandomGenerator rng = new MersenneTwister(20240611L);

    private static Tensor sumTanhSquared(Tensor x, Tensor w) {
        return x.matmul(w).tanh().pow(2.0).sum();
    }

    private static Tensor gradient(Function<Tensor, Tensor> f, double[] at, Shape shape) {
        Tensor x = Tensor.of(at, shape).requiresGrad(true);
        return Autograd.grad(f.apply(x), List.of(x), false).get(0);
    }

    @Test
    void hessianVectorProductMatchesCentralDifferencesOfTheGradient() {
        Tensor w = Tensor.randn(rng, 4, 3);
        Tensor x0 = Tensor.randn(rng, 5, 4);
        Tensor v = Tensor.randn(rng, 5, 4);
        Function<Tensor, Tensor> f = x -> sumTanhSquared(x, w);

        Tensor x = x0.copy().requiresGrad(true);
        Tensor g = Autograd.grad(f.apply(x), List.of(x), true).get(0);
        Tensor hv = Autograd.grad(g.mul(v).sum(), List.of(x), false).get(0);

        double eps = 1e-5;
        Tensor plus = gradient(f, x0.add(v.mul(eps)).toArray(), x0.shape());
        Tensor minus = gradient(f, x0.sub(v.mul(eps)).toArray(), x0.shape());
        Tensor numeric = plus.sub(minus).div(2 * eps);
        // Central differences of an analytic gradient: error ~ eps²·|f⁗| ≈ 1e-10.
        assertTrue(hv.allClose(numeric, 1e-7, 1e-8), () -> hv + " vs " + numeric);
    }

    @Test
    void theHessianIsSymmetric() {
        Tensor x = Tensor.randn(rng, 2, 3).requiresGrad(true);
        Tensor w = Tensor.randn(rng, 3, 2);
        Tensor g = Autograd.grad(x.matmul(w).sigmoid().mul(x.sum(1, true)).logSumExp(1, false).sum(),
                List.of(x), true).get(0).reshape(-1);
        int n = g.size();
        double[][] h = new double[n][];
        for (int i = 0; i < n; i++) {
            Tensor unit = Tensor.zeros(n);
            unit.mutableData()[i] = 1;
            h[i] = Autograd.grad(g.mul(unit).sum(), List.of(x), true).get(0).toArray();
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(h[i][j], h[j][i], 1e-12 * (1 + Math.abs(h[i][j])), "H[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void mixedSecondDerivativesOfAProduct() {
        // f = Σ x²·y³: ∂²f/∂x∂y = 6xy², ∂²f/∂y² = 6x²y.
        Tensor x = Tensor.of(new double[] {1.5, -2}).requiresGrad(true);
        Tensor y = Tensor.of(new double[] {0.5, 3}).requiresGrad(true);
        List<Tensor> g = Autograd.grad(x.pow(2.0).mul(y.pow(3.0)).sum(), List.of(x, y), true);
        List<Tensor> row = Autograd.grad(g.get(1).sum(), List.of(x, y), false);
        assertTrue(row.get(0).allClose(Tensor.of(new double[] {6 * 1.5 * 0.25, 6 * -2 * 9})), row.get(0)::toString);
        assertTrue(row.get(1).allClose(Tensor.of(new double[] {6 * 2.25 * 0.5, 6 * 4 * 3})), row.get(1)::toString);
    }

    @Test
    void gradientPenaltyIsDifferentiableInTheParameters() {
        // R(W) = ‖∂f/∂x‖² for f = Σ softplus(x W): a WGAN-GP style penalty, checked against differences.
        Tensor x = Tensor.randn(rng, 3, 4);
        Tensor w = Tensor.randn(rng, 4, 2).requiresGrad(true);
        Function<List<Tensor>, Tensor> penalty = in -> {
            Tensor xi = x.copy().requiresGrad(true);
            Tensor dx = Autograd.grad(xi.matmul(in.get(0)).softplus().sum(), List.of(xi), true).get(0);
            return dx.pow(2.0).sum();
        };
        GradCheck.Report r = GradCheck.check(penalty, List.of(w));
        r.assertPassed();
        assertEquals(8, r.checkedElements());
    }

    @Test
    void aGradientWithoutCreateGraphIsAConstant() {
        Tensor x = Tensor.scalar(1.5).requiresGrad(true);
        Tensor g = Autograd.grad(x.pow(3.0), List.of(x), false).get(0);
        assertFalse(g.requiresGrad());
        assertEquals(6.75, g.item());
    }

    @Test
    void networkAndLossBuildingBlocksHaveCorrectSecondDerivatives() {
        Tensor x = Tensor.randn(rng, 4, 3).requiresGrad(true);
        Tensor w1 = Tensor.randn(rng, 3, 5).requiresGrad(true);
        Tensor b1 = Tensor.randn(rng, 5).requiresGrad(true);
        Tensor w2 = Tensor.randn(rng, 5, 3).requiresGrad(true);
        int[] labels = {0, 2, 1, 2};
        Function<List<Tensor>, Tensor> crossEntropy = in -> in.get(0).matmul(in.get(1)).add(in.get(2)).tanh()
                .matmul(in.get(3)).logSoftmax(1).gather(1, labels).mean().neg();
        GradCheck.checkSecondOrder(crossEntropy, List.of(x, w1, b1, w2)).assertPassed();

        Tensor p = Tensor.rand(rng, 4, 1).mul(0.8).add(0.1).requiresGrad(true);
        Tensor t = Tensor.rand(rng, 4, 1);
        Function<List<Tensor>, Tensor> bce = in -> t.mul(in.get(0).log())
                .add(Tensor.scalar(1).sub(t).mul(Tensor.scalar(1).sub(in.get(0)).log())).mean().neg();
        GradCheck.checkSecondOrder(bce, List.of(p)).assertPassed();

        Tensor a = Tensor.rand(rng, 3, 2).add(0.5).requiresGrad(true);
        Tensor b = Tensor.randn(rng, 2).requiresGrad(true);
        Function<List<Tensor>, Tensor> mixed = in -> in.get(0).sqrt().div(in.get(1).exp().add(1.0))
                .sub(in.get(1).sigmoid()).softmax(0).mul(in.get(0).max(0, true)).pow(3.0);
        GradCheck.checkSecondOrder(mixed, List.of(a, b)).assertPassed();
    }
}
