package io.jgrad.optim;

import io.jgrad.core.Tensor;
import java.util.List;

/**
 * AdamW: {@link Adam} with decoupled weight decay — the weights shrink by {@code lr·weightDecay}
 * of themselves each step instead of the decay being added to the gradient, so every coordinate
 * decays at the same rate whatever its gradient scale.
 *
 * <p>Per parameter, with gradient g at its step t ≥ 1 (PyTorch's {@code torch.optim.AdamW}):
 * <pre>
 * w ← w · (1 − lr·weightDecay)
 * m ← β₁m + (1−β₁)g              v ← β₂v + (1−β₂)g²
 * with amsgrad: vmax ← max(vmax, v), used in place of v below
 * w ← w − lr · (m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)
 * </pre>
 *
 * <p>Loshchilov, Hutter, <i>Decoupled Weight Decay Regularization</i>, ICLR 2019
 * (arXiv:1711.05101).
 *
 * <pre>{@code
 * AdamW opt = AdamW.builder(params).lr(1e-3).weightDecay(0.01).build();
 * }</pre>
 */
public final class AdamW extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean amsgrad;

    private AdamW(Builder b) {
        super(b, AdamRule.stateNames(b.amsgrad), AdamRule.hyperParameters(b));
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.eps = b.eps;
        this.amsgrad = b.amsgrad;
    }

    /** A builder with PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.01, no AMSGrad. */
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
        AdamRule.update(w, g, state, amsgrad, step, lr, beta1, beta2, eps, 1 - lr * weightDecay, 0.0, from, to);
    }

    /** Settings of {@link AdamW}: lr, weightDecay and groups, betas, eps, amsgrad; each setter checks its argument. */
    public static final class Builder extends AdamRule.Settings<Builder, AdamW> {
        private Builder(List<Tensor> params) {
            super("AdamW", params, 0.01);
        }

        @Override
        public AdamW build() {
            return new AdamW(this);
        }
    }
}
