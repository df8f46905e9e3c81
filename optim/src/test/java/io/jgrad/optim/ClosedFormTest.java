package io.jgrad.optim;

import io.jgrad.core.Oracle;
import io.jgrad.core.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each rule under a constant gradient, where its update has a closed form worked out by hand from
 * the formulas (no second implementation involved): the loss Σ c·w has gradient c at every w, and
 * the gradient stays in place across steps because nothing clears it.
 */
class ClosedFormTest {
    static final double[] W0 = {0.5, -2.0, 3.0, 1.25};
    static final double[] C = {1.5, -0.25, 4.0, 0.0};
    static final int T = 5;

    /** The parameter after T steps of the optimizer {@code make} builds, under gradient C. */
    private static Tensor run(Function<List<Tensor>, Optimizer> make) {
        Tensor w = Tensor.of(W0).requiresGrad(true);
        Optimizer opt = make.apply(List.of(w));
        w.mul(Tensor.of(C)).sum().backward();
        for (int t = 0; t < T; t++) {
            opt.step();
        }
        return w;
    }

    private static void assertAfterT(String what, double[] expected, Tensor actual) {
        Oracle.assertClose(what, Tensor.of(expected), actual);
    }

    @Test
    void adamMovesEachCoordinateByLrTimesTheSignOfItsGradient() {
        double lr = 0.1;
        double eps = 1e-8;
        double[] e = new double[W0.length];
        for (int i = 0; i < e.length; i++) {
            // m̂ = g and v̂ = g² at every step, so each step is lr·g/(|g| + ε).
            e[i] = W0[i] - T * lr * C[i] / (Math.abs(C[i]) + eps);
        }
        assertAfterT("Adam", e, run(p -> Adam.builder(p).lr(lr).betas(0.8, 0.95).eps(eps).build()));
    }

    @Test
    void adamWDecaysGeometricallyBesideTheAdamStep() {
        double lr = 0.1;
        double wd = 0.2;
        double q = 1 - lr * wd;
        double[] e = new double[W0.length];
        for (int i = 0; i < e.length; i++) {
            // w_t = q·w_{t−1} − lr·s with s = g/(|g| + ε): a geometric series; with g = 0 pure decay.
            double s = C[i] / (Math.abs(C[i]) + 1e-8);
            e[i] = W0[i] * Math.pow(q, T) - lr * s * (1 - Math.pow(q, T)) / (1 - q);
        }
        assertAfterT("AdamW", e, run(p -> AdamW.builder(p).lr(lr).weightDecay(wd).build()));
    }

    @Test
    void amsgradKeepsTheLargestSecondMoment() {
        double lr = 0.1;
        double eps = 1e-8;
        for (boolean amsgrad : new boolean[] {false, true}) {
            Tensor w = Tensor.of(new double[] {1.0}).requiresGrad(true);
            Optimizer opt = Adam.builder(List.of(w)).lr(lr).betas(0.5, 0.5).eps(eps).amsgrad(amsgrad).build();
            w.mul(2.0).sum().backward();
            opt.step();
            opt.zeroGrad();
            w.sum().backward();
            opt.step();
            // Step 1 (g = 2): m = 1, v = 2, m̂ = 2, v̂ = 4: the step is lr·2/(2 + ε).
            // Step 2 (g = 1): m = 1, v = 1.5, m̂ = 4/3; v̂ = 1.5/0.75 = 2, or with AMSGrad max(2, 1.5)/0.75 = 8/3.
            double vHat = amsgrad ? 8.0 / 3 : 2.0;
            double expected = 1.0 - lr * 2 / (2 + eps) - lr * (4.0 / 3) / (Math.sqrt(vHat) + eps);
            Oracle.assertClose("amsgrad " + amsgrad, Tensor.of(new double[] {expected}), w);
        }
    }

    @Test
    void sgdWithWeightDecayIsAGeometricSeries() {
        double lr = 0.1;
        double wd = 0.5;
        double q = 1 - lr * wd;
        double[] e = new double[W0.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = W0[i] * Math.pow(q, T) - lr * C[i] * (1 - Math.pow(q, T)) / (1 - q);
        }
        assertAfterT("SGD weight decay", e, run(p -> SGD.builder(p).lr(lr).weightDecay(wd).build()));
    }

    @Test
    void sgdMomentumBufferStartsAtTheGradientThenDampens() {
        double lr = 0.1;
        double mu = 0.9;
        double damp = 0.3;
        double[] e = new double[W0.length];
        double[] nesterov = new double[W0.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = W0[i];
            nesterov[i] = W0[i];
            for (int t = 1; t <= T; t++) {
                // buf_1 = g, buf_t = μ·buf + (1 − d)·g: buf_t = μ^(t−1)·g + (1 − d)·g·(1 − μ^(t−1))/(1 − μ).
                double buf = Math.pow(mu, t - 1) * C[i] + (1 - damp) * C[i] * (1 - Math.pow(mu, t - 1)) / (1 - mu);
                e[i] -= lr * buf;
                double undamped = C[i] * (1 - Math.pow(mu, t)) / (1 - mu);
                nesterov[i] -= lr * (C[i] + mu * undamped);
            }
        }
        assertAfterT("SGD momentum", e, run(p -> SGD.builder(p).lr(lr).momentum(mu).dampening(damp).build()));
        assertAfterT("SGD nesterov", nesterov, run(p -> SGD.builder(p).lr(lr).momentum(mu).nesterov(true).build()));
    }

    @Test
    void biasCorrectedMomentumStepsByTheGradientFromTheFirstStep() {
        double lr = 0.1;
        double[] e = new double[W0.length];
        for (int i = 0; i < e.length; i++) {
            // m_t = (1 − βᵗ)·g, so m̂ = g exactly at every step.
            e[i] = W0[i] - T * lr * C[i];
        }
        assertAfterT("Momentum", e, run(p -> Momentum.builder(p).lr(lr).beta(0.9).build()));
    }

    @Test
    void rmspropPlainCenteredAndWithMomentum() {
        double lr = 0.01;
        double alpha = 0.9;
        double eps = 1e-8;
        double mu = 0.5;
        double[] plain = W0.clone();
        double[] centered = W0.clone();
        double[] momentum = W0.clone();
        for (int i = 0; i < W0.length; i++) {
            double buf = 0;
            for (int t = 1; t <= T; t++) {
                double at = Math.pow(alpha, t);
                // s_t = (1 − αᵗ)·g²; centered, a_t = (1 − αᵗ)·g and s − a² = αᵗ(1 − αᵗ)·g².
                double d = C[i] / (Math.sqrt(1 - at) * Math.abs(C[i]) + eps);
                plain[i] -= lr * d;
                centered[i] -= lr * C[i] / (Math.sqrt(at * (1 - at)) * Math.abs(C[i]) + eps);
                buf = mu * buf + d;
                momentum[i] -= lr * buf;
            }
        }
        assertAfterT("RMSprop", plain, run(p -> RMSprop.builder(p).lr(lr).alpha(alpha).eps(eps).build()));
        assertAfterT("RMSprop centered", centered,
                run(p -> RMSprop.builder(p).lr(lr).alpha(alpha).eps(eps).centered(true).build()));
        assertAfterT("RMSprop momentum", momentum,
                run(p -> RMSprop.builder(p).lr(lr).alpha(alpha).eps(eps).momentum(mu).build()));
    }

    @Test
    void adagradAccumulatesSquaresAndDecaysTheRate() {
        double lr = 0.1;
        double lrDecay = 0.25;
        double s0 = 0.5;
        double eps = 1e-10;
        double[] e = W0.clone();
        for (int i = 0; i < W0.length; i++) {
            for (int t = 1; t <= T; t++) {
                // s_t = s0 + t·g²; the rate is lr/(1 + (t − 1)·lrDecay).
                e[i] -= lr / (1 + (t - 1) * lrDecay) * C[i] / (Math.sqrt(s0 + t * C[i] * C[i]) + eps);
            }
        }
        assertAfterT("Adagrad", e, run(p -> Adagrad.builder(p).lr(lr).lrDecay(lrDecay).initialAccumulatorValue(s0)
                .eps(eps).build()));
    }
}
