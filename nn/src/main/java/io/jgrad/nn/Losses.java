package io.jgrad.nn;

import io.jgrad.core.NullChecks;
import io.jgrad.core.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * Loss functions, composed from core tensor operations (their gradients come from the engine, with
 * no backward formula of their own). Reductions follow PyTorch: {@link Reduction#MEAN} by default.
 * Predictions and targets must have the same shape (no silent broadcasting).
 */
public final class Losses {
    /**
     * PyTorch's BCELoss clamps each log term at −100 so a probability of exactly 0 or 1 gives a finite
     * loss. Clamping the argument at e^−100 instead of the log's result gives the same value and keeps
     * the gradient finite (a clamped log's gradient would be 0 · ∞).
     */
    private static final double LOG_FLOOR = Math.exp(-100.0);

    private Losses() {
    }

    /** Mean squared error, mean over every element. */
    public static Tensor mse(Tensor prediction, Tensor target) {
        requireOperands("mse", "prediction", prediction, target);
        return mse(prediction, target, Reduction.MEAN);
    }

    /** Squared error (prediction − target)², reduced as asked. */
    public static Tensor mse(Tensor prediction, Tensor target, Reduction reduction) {
        requireOperands("mse", "prediction", prediction, target);
        Objects.requireNonNull(reduction, "mse: reduction is null");
        requireSameShape("mse", prediction, target);
        Tensor d = prediction.sub(target);
        return reduction.apply("mse", d.mul(d));
    }

    /** Binary cross-entropy on probabilities, mean over every element; see {@link #bce(Tensor, Tensor, Reduction)}. */
    public static Tensor bce(Tensor probability, Tensor target) {
        requireOperands("bce", "probability", probability, target);
        return bce(probability, target, Reduction.MEAN);
    }

    /**
     * Binary cross-entropy −(t·log p + (1 − t)·log(1 − p)) on probabilities p in [0, 1] and targets t
     * in [0, 1] (hard or soft labels).
     *
     * <p>As in PyTorch's BCELoss, each log term is clamped at −100, so p = 0 or 1 gives a finite loss
     * (at most 100 per element). Where a term is clamped (p or 1 − p below e^−100 ≈ 3.7e−44) its
     * gradient is 0, whereas PyTorch uses (p − t)/max(p(1 − p), 1e−12) there. A sigmoid output
     * reaches exactly 1 already at logit ≈ 37, so for models ending in a sigmoid prefer
     * {@link #bceWithLogits}, which is exact and stable at any logit.
     */
    public static Tensor bce(Tensor probability, Tensor target, Reduction reduction) {
        requireOperands("bce", "probability", probability, target);
        Objects.requireNonNull(reduction, "bce: reduction is null");
        requireSameShape("bce", probability, target);
        requireInUnitInterval("bce", "probability", probability);
        requireInUnitInterval("bce", "target", target);
        Tensor logP = probability.clamp(LOG_FLOOR, Double.POSITIVE_INFINITY).log();
        Tensor logNotP = probability.neg().add(1.0).clamp(LOG_FLOOR, Double.POSITIVE_INFINITY).log();
        Tensor notTarget = target.neg().add(1.0);
        return reduction.apply("bce", target.mul(logP).add(notTarget.mul(logNotP)).neg());
    }

    /** Binary cross-entropy on logits, mean over every element; see {@link #bceWithLogits(Tensor, Tensor, Reduction)}. */
    public static Tensor bceWithLogits(Tensor logits, Tensor target) {
        requireOperands("bceWithLogits", "logits", logits, target);
        return bceWithLogits(logits, target, Reduction.MEAN);
    }

    /**
     * Binary cross-entropy of p = σ(z) against targets t in [0, 1], computed from the logits z as
     * softplus(z) − z·t (softplus(z) = log(1 + eᶻ), evaluated stably). Finite loss and gradient
     * σ(z) − t at any logit, including ±1000.
     */
    public static Tensor bceWithLogits(Tensor logits, Tensor target, Reduction reduction) {
        requireOperands("bceWithLogits", "logits", logits, target);
        Objects.requireNonNull(reduction, "bceWithLogits: reduction is null");
        requireSameShape("bceWithLogits", logits, target);
        requireInUnitInterval("bceWithLogits", "target", target);
        return reduction.apply("bceWithLogits", logits.softplus().sub(logits.mul(target)));
    }

    /** Cross-entropy of logits [N, C] against integer labels [N], mean over the batch. */
    public static Tensor crossEntropy(Tensor logits, int[] labels) {
        requireLogitsAndLabels(logits, labels);
        return crossEntropy(logits, labels, 0.0, Reduction.MEAN);
    }

    /** Cross-entropy with label smoothing, mean over the batch; see {@link #crossEntropy(Tensor, int[], double, Reduction)}. */
    public static Tensor crossEntropy(Tensor logits, int[] labels, double labelSmoothing) {
        requireLogitsAndLabels(logits, labels);
        return crossEntropy(logits, labels, labelSmoothing, Reduction.MEAN);
    }

    /**
     * Cross-entropy of logits z [N, C] (unnormalised scores, one row per example) against integer
     * labels [N] in [0, C): per example −Σ_c q_c · log_softmax(z)_c with q = (1 − ε)·onehot(label) + ε/C
     * (PyTorch's {@code label_smoothing} ε, 0 for plain cross-entropy). The log-softmax subtracts
     * log-sum-exp, so loss and gradient are finite at logits of any size. {@link Reduction#NONE}
     * gives the [N] per-example losses.
     */
    public static Tensor crossEntropy(Tensor logits, int[] labels, double labelSmoothing, Reduction reduction) {
        requireLogitsAndLabels(logits, labels);
        Objects.requireNonNull(reduction, "crossEntropy: reduction is null");
        // One op (core's Tensor.crossEntropy) checks the shapes, labels and ε and holds the backward rule.
        return reduction.apply("crossEntropy", logits.crossEntropy(labels, labelSmoothing));
    }

    /**
     * The weight-decay penalty λ/2 · Σ ‖W‖² over the given tensors (pass only the weights to leave
     * biases undecayed); its gradient is λ·W. Zero for an empty list.
     */
    public static Tensor l2(List<Tensor> parameters, double lambda) {
        NullChecks.elements(parameters, "l2", "parameters");
        if (!(lambda >= 0.0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("l2: lambda must be non-negative and finite, got " + lambda);
        }
        Tensor total = Tensor.scalar(0.0);
        for (Tensor p : parameters) {
            total = total.add(p.mul(p).sum());
        }
        return total.mul(lambda / 2.0);
    }

    private static void requireOperands(String loss, String first, Tensor prediction, Tensor target) {
        if (prediction == null || target == null) {
            throw new NullPointerException(loss + ": " + (prediction == null ? first : "target") + " is null");
        }
    }

    private static void requireLogitsAndLabels(Tensor logits, int[] labels) {
        Objects.requireNonNull(logits, "crossEntropy: logits is null");
        Objects.requireNonNull(labels, "crossEntropy: labels is null");
    }

    private static void requireSameShape(String loss, Tensor prediction, Tensor target) {
        if (!prediction.shape().equals(target.shape())) {
            throw new IllegalArgumentException(loss + ": prediction of shape " + prediction.shape()
                    + " and target of shape " + target.shape() + " differ; they must have the same shape"
                    + " (reshape the target, e.g. to [batch, 1])");
        }
    }

    private static void requireInUnitInterval(String loss, String what, Tensor t) {
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (!(d[i] >= 0.0 && d[i] <= 1.0)) {
                throw new IllegalArgumentException(loss + ": " + what + " element " + i + " is " + d[i]
                        + "; every " + what + " must be in [0, 1]"
                        + (what.equals("probability") ? " (for logits use bceWithLogits)" : ""));
            }
        }
    }
}
