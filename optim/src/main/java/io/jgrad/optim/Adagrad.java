package io.jgrad.optim;

import io.jgrad.core.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adagrad: steps divided by the root of the sum of all squared gradients so far, so coordinates
 * that received large gradients slow down, with PyTorch's semantics ({@code torch.optim.Adagrad}).
 *
 * <p>Per parameter, with gradient g at its step t ≥ 1 and s starting at
 * {@code initialAccumulatorValue}:
 * <pre>
 * g ← g + weightDecay·w
 * s ← s + g²
 * w ← w − (lr / (1 + (t − 1)·lrDecay)) · g/(√s + ε)
 * </pre>
 *
 * <p>Duchi, Hazan, Singer, <i>Adaptive Subgradient Methods for Online Learning and Stochastic
 * Optimization</i>, JMLR 12, 2011.
 *
 * <pre>{@code
 * Adagrad opt = Adagrad.builder(params).lr(1e-2).lrDecay(0).initialAccumulatorValue(0).eps(1e-10).build();
 * }</pre>
 */
public final class Adagrad extends Optimizer {
    private final double lrDecay;
    private final double initialAccumulatorValue;
    private final double eps;

    private Adagrad(Builder b) {
        super(b, List.of("sum"), settings(b));
        this.lrDecay = b.lrDecay;
        this.initialAccumulatorValue = b.initialAccumulatorValue;
        this.eps = b.eps;
    }

    /** A builder with PyTorch's defaults: lr 1e-2, no lr decay, no weight decay, accumulator 0, eps 1e-10. */
    public static Builder builder(List<Tensor> params) {
        return new Builder(params);
    }

    private static Map<String, Double> settings(Builder b) {
        Map<String, Double> h = new LinkedHashMap<>();
        h.put("lrDecay", b.lrDecay);
        h.put("initialAccumulatorValue", b.initialAccumulatorValue);
        h.put("eps", b.eps);
        return h;
    }

    @Override
    protected void initState(double[][] state) {
        Arrays.fill(state[0], initialAccumulatorValue);
    }

    @Override
    protected boolean elementwise() {
        return true;
    }

    @Override
    protected void update(double[] w, double[] g, double[][] state, long step, double lr, double weightDecay,
                          int from, int to) {
        double[] sum = state[0];
        double clr = lr / (1 + (step - 1) * lrDecay);
        for (int i = from; i < to; i++) {
            double gi = g[i] + weightDecay * w[i];
            sum[i] += gi * gi;
            w[i] -= clr * (gi / (Math.sqrt(sum[i]) + eps));
        }
    }

    /** Settings of {@link Adagrad}; each setter checks its argument. */
    public static final class Builder extends Optimizer.Builder<Builder, Adagrad> {
        private double lrDecay;
        private double initialAccumulatorValue;
        private double eps = 1e-10;

        private Builder(List<Tensor> params) {
            super("Adagrad", params, 1e-2, 0.0);
        }

        /** How fast the learning rate shrinks: lr/(1 + (t−1)·lrDecay); must be >= 0. */
        public Builder lrDecay(double lrDecay) {
            this.lrDecay = Check.nonNegative(name, "lrDecay", lrDecay);
            return this;
        }

        /** The starting value of the sum of squared gradients; must be >= 0. */
        public Builder initialAccumulatorValue(double value) {
            this.initialAccumulatorValue = Check.nonNegative(name, "initialAccumulatorValue", value);
            return this;
        }

        /** The term added to the denominator; must be > 0. */
        public Builder eps(double eps) {
            this.eps = Check.positive(name, "eps", eps);
            return this;
        }

        @Override
        public Adagrad build() {
            return new Adagrad(this);
        }
    }
}
