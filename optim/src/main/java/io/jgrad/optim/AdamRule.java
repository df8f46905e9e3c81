package io.jgrad.optim;

import io.jgrad.core.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Adam update shared by {@link Adam} (L2 weight decay added to the gradient) and
 * {@link AdamW} (decoupled decay that shrinks the weights first), in PyTorch's order of
 * operations: {@code w ← w·decay}, {@code g ← g + l2·w}, {@code m ← β₁m + (1−β₁)g},
 * {@code v ← β₂v + (1−β₂)g²}, with AMSGrad {@code vmax ← max(vmax, v)} used in place of v,
 * {@code w ← w − (lr/(1−β₁ᵗ)) · m / (√v/√(1−β₂ᵗ) + ε)}.
 */
final class AdamRule {
    private AdamRule() {
    }

    /** State array names: the two moments, and the running maximum of the second with AMSGrad. */
    static List<String> stateNames(boolean amsgrad) {
        return amsgrad ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq") : List.of("exp_avg", "exp_avg_sq");
    }

    /**
     * One update of {@code w} in place.
     *
     * @param state exp_avg, exp_avg_sq and, with AMSGrad, max_exp_avg_sq
     * @param decay the factor the weights are multiplied by first (1 for Adam)
     * @param l2 the weight decay added to the gradient (0 for AdamW)
     */
    static void update(double[] w, double[] g, double[][] state, boolean amsgrad, long step, double lr,
            double beta1, double beta2, double eps, double decay, double l2, int from, int to) {
        double[] m = state[0];
        double[] v = state[1];
        double[] vMax = amsgrad ? state[2] : v;
        double stepSize = lr / (1 - Math.pow(beta1, step));
        double bias2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        double oneMinusBeta1 = 1 - beta1;
        double oneMinusBeta2 = 1 - beta2;
        for (int i = from; i < to; i++) {
            double wi = w[i] * decay;
            double gi = g[i] + l2 * wi;
            m[i] = m[i] * beta1 + oneMinusBeta1 * gi;
            v[i] = v[i] * beta2 + oneMinusBeta2 * gi * gi;
            // Without AMSGrad vMax is v itself, and max(v, v) leaves it unchanged.
            vMax[i] = Math.max(vMax[i], v[i]);
            w[i] = wi - stepSize * (m[i] / (Math.sqrt(vMax[i]) / bias2Sqrt + eps));
        }
    }

    /** The settings {@link Adam} and {@link AdamW} share, recorded in their state. */
    static Map<String, Double> hyperParameters(Settings<?, ?> s) {
        Map<String, Double> h = new LinkedHashMap<>();
        h.put("beta1", s.beta1);
        h.put("beta2", s.beta2);
        h.put("eps", s.eps);
        h.put("amsgrad", s.amsgrad ? 1.0 : 0.0);
        return h;
    }

    /**
     * The builder settings {@link Adam} and {@link AdamW} share: betas, eps and AMSGrad.
     *
     * @param <B> the concrete builder
     * @param <O> the optimizer it builds
     */
    abstract static class Settings<B extends Settings<B, O>, O extends Optimizer> extends Optimizer.Builder<B, O> {
        double beta1 = 0.9;
        double beta2 = 0.999;
        double eps = 1e-8;
        boolean amsgrad;

        Settings(String name, List<Tensor> params, double defaultWeightDecay) {
            super(name, params, 1e-3, defaultWeightDecay);
        }

        /** The decay rates of the first and second moment averages, each in [0, 1). */
        public B betas(double beta1, double beta2) {
            this.beta1 = Check.decayRate(name, "beta1", beta1);
            this.beta2 = Check.decayRate(name, "beta2", beta2);
            return self();
        }

        /** The term added to the denominator; must be > 0. */
        public B eps(double eps) {
            this.eps = Check.positive(name, "eps", eps);
            return self();
        }

        /** Whether to use the running maximum of the second moment (AMSGrad). */
        public B amsgrad(boolean amsgrad) {
            this.amsgrad = amsgrad;
            return self();
        }
    }
}
