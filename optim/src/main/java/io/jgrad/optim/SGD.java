package io.jgrad.optim;

import io.jgrad.core.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum (heavy ball or Nesterov), dampening and L2
 * weight decay, with PyTorch's semantics ({@code torch.optim.SGD}).
 *
 * <p>Per parameter, with gradient g at its step t ≥ 1:
 * <pre>
 * g ← g + weightDecay·w
 * if momentum ≠ 0:
 *     buf ← g                                   at t = 1 (no dampening on the first step)
 *     buf ← momentum·buf + (1 − dampening)·g    after
 *     g ← g + momentum·buf  (nesterov)   or   g ← buf
 * w ← w − lr·g
 * </pre>
 * Note that the learning rate multiplies the buffer, not the gradient inside it, unlike the
 * {@code v ← μv − lr·g} form of Sutskever et al.; the two agree while lr is constant.
 *
 * <p>Robbins, Monro, <i>A Stochastic Approximation Method</i>, Ann. Math. Statist. 1951. Momentum:
 * Polyak, <i>Some methods of speeding up the convergence of iteration methods</i>, USSR Comput.
 * Math. and Math. Phys. 1964. Nesterov momentum as in Sutskever, Martens, Dahl, Hinton, <i>On the
 * importance of initialization and momentum in deep learning</i>, ICML 2013.
 *
 * <pre>{@code
 * SGD opt = SGD.builder(params).lr(0.1).momentum(0.9).dampening(0).nesterov(false).weightDecay(0).build();
 * }</pre>
 */
public final class SGD extends Optimizer {
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;

    private SGD(Builder b) {
        super(b, b.momentum != 0 ? List.of("momentum_buffer") : List.of(), settings(b));
        this.momentum = b.momentum;
        this.dampening = b.dampening;
        this.nesterov = b.nesterov;
    }

    /** A builder with PyTorch's defaults: lr 1e-3, no momentum, dampening 0, no Nesterov, no weight decay. */
    public static Builder builder(List<Tensor> params) {
        return new Builder(params);
    }

    private static Map<String, Double> settings(Builder b) {
        Map<String, Double> h = new LinkedHashMap<>();
        h.put("momentum", b.momentum);
        h.put("dampening", b.dampening);
        h.put("nesterov", b.nesterov ? 1.0 : 0.0);
        return h;
    }

    @Override
    protected boolean elementwise() {
        return true;
    }

    @Override
    protected void update(double[] w, double[] g, double[][] state, long step, double lr, double weightDecay,
                          int from, int to) {
        if (momentum == 0) {
            for (int i = from; i < to; i++) {
                w[i] -= lr * (g[i] + weightDecay * w[i]);
            }
            return;
        }
        double[] buf = state[0];
        // The buffer starts as the first gradient itself; dampening applies from the second step.
        double bufMomentum = step == 1 ? 0.0 : momentum;
        double gradScale = step == 1 ? 1.0 : 1 - dampening;
        for (int i = from; i < to; i++) {
            double gi = g[i] + weightDecay * w[i];
            buf[i] = buf[i] * bufMomentum + gradScale * gi;
            w[i] -= lr * (nesterov ? gi + momentum * buf[i] : buf[i]);
        }
    }

    /** Settings of {@link SGD}; each setter checks its argument, {@link #build()} their combination. */
    public static final class Builder extends Optimizer.Builder<Builder, SGD> {
        private double momentum;
        private double dampening;
        private boolean nesterov;

        private Builder(List<Tensor> params) {
            super("SGD", params, 1e-3, 0.0);
        }

        /** The momentum factor; must be >= 0 (0 turns momentum off). */
        public Builder momentum(double momentum) {
            this.momentum = Check.nonNegative(name, "momentum", momentum);
            return this;
        }

        /** The fraction of each new gradient left out of the momentum buffer, in [0, 1]. */
        public Builder dampening(double dampening) {
            this.dampening = Check.fraction(name, "dampening", dampening);
            return this;
        }

        /** Whether to use Nesterov momentum; needs momentum > 0 and dampening 0. */
        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        @Override
        public SGD build() {
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException(name + ": nesterov requires momentum > 0 and dampening = 0, got momentum "
                        + momentum + " and dampening " + dampening);
            }
            return new SGD(this);
        }
    }
}
