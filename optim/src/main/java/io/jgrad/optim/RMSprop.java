package io.jgrad.optim;

import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSprop: steps divided by the root of a moving average of squared gradients, optionally
 * centered (divided by an estimate of the gradient's standard deviation instead) and with
 * momentum, with PyTorch's semantics ({@code torch.optim.RMSprop}).
 *
 * <p>Per parameter, with gradient g and all state starting at zero:
 * <pre>
 * g ← g + weightDecay·w
 * s ← α·s + (1 − α)·g²
 * centered: a ← α·a + (1 − α)·g,   d ← g/(√(s − a²) + ε)     otherwise d ← g/(√s + ε)
 * momentum > 0: buf ← momentum·buf + d,  w ← w − lr·buf         otherwise w ← w − lr·d
 * </pre>
 * ε is added after the square root (TensorFlow adds it inside). When rounding makes
 * {@code s − a²} slightly negative, it counts as 0, where PyTorch would produce NaN.
 *
 * <p>Tieleman, Hinton, <i>Lecture 6.5 — RMSProp: divide the gradient by a running average of its
 * recent magnitude</i>, COURSERA Neural Networks for Machine Learning, 2012. Centered form:
 * Graves, <i>Generating Sequences With Recurrent Neural Networks</i>, 2013 (arXiv:1308.0850).
 *
 * <pre>{@code
 * RMSprop opt = RMSprop.builder(params).lr(1e-2).alpha(0.99).eps(1e-8).momentum(0).build();
 * }</pre>
 */
public final class RMSprop extends Optimizer {
    private final double alpha;
    private final double eps;
    private final double momentum;
    private final boolean centered;

    private RMSprop(Builder b) {
        super(b, stateNames(b), settings(b));
        this.alpha = b.alpha;
        this.eps = b.eps;
        this.momentum = b.momentum;
        this.centered = b.centered;
    }

    /** A builder with PyTorch's defaults: lr 1e-2, alpha 0.99, eps 1e-8, no weight decay, no momentum, not centered. */
    public static Builder builder(List<Tensor> params) {
        return new Builder(params);
    }

    private static List<String> stateNames(Builder b) {
        List<String> names = new ArrayList<>(List.of("square_avg"));
        if (b.momentum > 0) {
            names.add("momentum_buffer");
        }
        if (b.centered) {
            names.add("grad_avg");
        }
        return names;
    }

    private static Map<String, Double> settings(Builder b) {
        Map<String, Double> h = new LinkedHashMap<>();
        h.put("alpha", b.alpha);
        h.put("eps", b.eps);
        h.put("momentum", b.momentum);
        h.put("centered", b.centered ? 1.0 : 0.0);
        return h;
    }

    @Override
    protected boolean elementwise() {
        return true;
    }

    @Override
    protected void update(double[] w, double[] g, double[][] state, long step, double lr, double weightDecay,
                          int from, int to) {
        double[] square = state[0];
        double[] buf = momentum > 0 ? state[1] : null;
        double[] gradAvg = centered ? state[state.length - 1] : null;
        double oneMinusAlpha = 1 - alpha;
        for (int i = from; i < to; i++) {
            double gi = g[i] + weightDecay * w[i];
            square[i] = square[i] * alpha + oneMinusAlpha * gi * gi;
            double variance = square[i];
            if (centered) {
                gradAvg[i] = gradAvg[i] * alpha + oneMinusAlpha * gi;
                variance = Math.max(0.0, square[i] - gradAvg[i] * gradAvg[i]);
            }
            double d = gi / (Math.sqrt(variance) + eps);
            if (momentum > 0) {
                buf[i] = buf[i] * momentum + d;
                d = buf[i];
            }
            w[i] -= lr * d;
        }
    }

    /** Settings of {@link RMSprop}; each setter checks its argument. */
    public static final class Builder extends Optimizer.Builder<Builder, RMSprop> {
        private double alpha = 0.99;
        private double eps = 1e-8;
        private double momentum;
        private boolean centered;

        private Builder(List<Tensor> params) {
            super("RMSprop", params, 1e-2, 0.0);
        }

        /** The decay rate of the squared-gradient average, in [0, 1). */
        public Builder alpha(double alpha) {
            this.alpha = Check.decayRate(name, "alpha", alpha);
            return this;
        }

        /** The term added to the denominator; must be > 0. */
        public Builder eps(double eps) {
            this.eps = Check.positive(name, "eps", eps);
            return this;
        }

        /** The momentum factor; must be >= 0 (0 turns momentum off). */
        public Builder momentum(double momentum) {
            this.momentum = Check.nonNegative(name, "momentum", momentum);
            return this;
        }

        /** Whether to divide by the gradient's estimated standard deviation instead of its root mean square. */
        public Builder centered(boolean centered) {
            this.centered = centered;
            return this;
        }

        @Override
        public RMSprop build() {
            return new RMSprop(this);
        }
    }
}
