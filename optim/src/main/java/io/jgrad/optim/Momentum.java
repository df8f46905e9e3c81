package io.jgrad.optim;

import io.jgrad.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Gradient descent with momentum in the textbook form: a bias-corrected exponential moving
 * average of the gradients (the first moment of Adam without its second), with optional L2
 * weight decay. This is not PyTorch's SGD momentum (see {@link SGD}), which sums the gradients
 * without the (1 − β) factor and without bias correction; the PyTorch reference values call this
 * rule {@code EmaMomentum}.
 *
 * <p>Per parameter, with gradient g at its step t ≥ 1 and m starting at zero:
 * <pre>
 * g ← g + weightDecay·w
 * m ← β·m + (1 − β)·g
 * w ← w − lr · m/(1 − βᵗ)
 * </pre>
 * The bias correction makes the first steps as large as later ones: without it m would start
 * near zero, (1 − β) times the gradient.
 *
 * <p>Polyak, <i>Some methods of speeding up the convergence of iteration methods</i>, USSR
 * Comput. Math. and Math. Phys. 1964; the bias correction as in Kingma, Ba, <i>Adam: A Method for
 * Stochastic Optimization</i>, ICLR 2015, section 3.
 *
 * <pre>{@code
 * Momentum opt = Momentum.builder(params).lr(0.01).beta(0.9).build();
 * }</pre>
 */
public final class Momentum extends Optimizer {
    private final double beta;

    private Momentum(Builder b) {
        super(b, List.of("exp_avg"), Map.of("beta", b.beta));
        this.beta = b.beta;
    }

    /** A builder with defaults lr 0.01, beta 0.9, no weight decay. */
    public static Builder builder(List<Tensor> params) {
        return new Builder(params);
    }

    @Override
    protected boolean elementwise() {
        return true;
    }

    @Override
    protected void update(double[] w, double[] g, double[][] state, long step, double lr, double weightDecay,
                          int from, int to) {
        double[] m = state[0];
        double biasCorrection = 1 - Math.pow(beta, step);
        double oneMinusBeta = 1 - beta;
        for (int i = from; i < to; i++) {
            double gi = g[i] + weightDecay * w[i];
            m[i] = beta * m[i] + oneMinusBeta * gi;
            w[i] -= lr * (m[i] / biasCorrection);
        }
    }

    /** Settings of {@link Momentum}; each setter checks its argument. */
    public static final class Builder extends Optimizer.Builder<Builder, Momentum> {
        private double beta = 0.9;

        private Builder(List<Tensor> params) {
            super("Momentum", params, 0.01, 0.0);
        }

        /** The decay rate of the moving average, in [0, 1) (0 is plain gradient descent). */
        public Builder beta(double beta) {
            this.beta = Check.decayRate(name, "beta", beta);
            return this;
        }

        @Override
        public Momentum build() {
            return new Momentum(this);
        }
    }
}
