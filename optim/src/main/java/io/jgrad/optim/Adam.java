package io.jgrad.optim;

import io.jgrad.core.Tensor;
import java.util.List;

/**
 * Adam: per-coordinate steps scaled by bias-corrected moving averages of the gradient and its
 * square, with optional L2 weight decay (added to the gradient) and the AMSGrad variant.
 *
 * <p>Per parameter, with gradient g at its step t ≥ 1 and all state starting at zero (PyTorch's
 * {@code torch.optim.Adam}):
 * <pre>
 * g ← g + weightDecay·w
 * m ← β₁m + (1−β₁)g              v ← β₂v + (1−β₂)g²
 * with amsgrad: vmax ← max(vmax, v), used in place of v below
 * w ← w − lr · (m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)
 * </pre>
 * Weight decay here is an L2 penalty, which the adaptive scaling weakens for coordinates with
 * large gradients; {@link AdamW} decouples it.
 *
 * <p>Kingma, Ba, <i>Adam: A Method for Stochastic Optimization</i>, ICLR 2015 (arXiv:1412.6980).
 * AMSGrad: Reddi, Kale, Kumar, <i>On the Convergence of Adam and Beyond</i>, ICLR 2018.
 *
 * <pre>{@code
 * Adam opt = Adam.builder(params).lr(1e-3).betas(0.9, 0.999).eps(1e-8).weightDecay(0).amsgrad(false).build();
 * }</pre>
 */
public final class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean amsgrad;

    private Adam(Builder b) {
        super(b, AdamRule.stateNames(b.amsgrad), AdamRule.hyperParameters(b));
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.eps = b.eps;
        this.amsgrad = b.amsgrad;
    }

    /** A builder with PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0, no AMSGrad. */
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
        AdamRule.update(w, g, state, amsgrad, step, lr, beta1, beta2, eps, 1.0, weightDecay, from, to);
    }

    /** Settings of {@link Adam}: lr, weightDecay and groups, betas, eps, amsgrad; each setter checks its argument. */
    public static final class Builder extends AdamRule.Settings<Builder, Adam> {
        private Builder(List<Tensor> params) {
            super("Adam", params, 0.0);
        }

        @Override
        public Adam build() {
            return new Adam(this);
        }
    }
}
