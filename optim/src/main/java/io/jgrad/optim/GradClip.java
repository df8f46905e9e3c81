package io.jgrad.optim;

import io.jgrad.core.NullChecks;
import io.jgrad.core.Tensor;
import java.util.List;

/**
 * Gradient clipping, applied between {@code loss.backward()} and {@link Optimizer#step()}: rescale
 * all gradients together when their global norm is too large, or clamp each element. Both return
 * the global norm before clipping (handy to log) and skip parameters without a gradient.
 *
 * <p>Pascanu, Mikolov, Bengio, <i>On the difficulty of training recurrent neural networks</i>,
 * ICML 2013.
 */
public final class GradClip {
    private GradClip() {
    }

    /** {@link #clipGradNorm(List, double, double)} with the Euclidean norm. */
    public static double clipGradNorm(List<Tensor> params, double maxNorm) {
        NullChecks.elements(params, "GradClip.clipGradNorm", "params");
        return clipGradNorm(params, maxNorm, 2.0);
    }

    /**
     * Scales every gradient by {@code maxNorm/(norm + 1e-6)} when that is below 1, where norm is
     * the {@code normType}-norm of all gradients taken as one vector (PyTorch's
     * {@code clip_grad_norm_}); returns that norm, before clipping.
     *
     * <p>A NaN or infinite norm throws and leaves the gradients unchanged (PyTorch's
     * {@code error_if_nonfinite=True}): scaling by it would silently zero or poison every
     * gradient.
     *
     * @param normType p ≥ 1, or {@link Double#POSITIVE_INFINITY} for the largest absolute value
     */
    public static double clipGradNorm(List<Tensor> params, double maxNorm, double normType) {
        String owner = "GradClip.clipGradNorm";
        NullChecks.elements(params, owner, "params");
        Check.positive(owner, "maxNorm", maxNorm);
        if (!(normType >= 1)) {
            throw new IllegalArgumentException(owner + ": normType must be >= 1 or Infinity, got " + normType);
        }
        double norm = norm(params, normType);
        if (!Double.isFinite(norm)) {
            throw new IllegalStateException(owner + ": the gradient norm is " + norm + " (" + firstNonFinite(params)
                    + "); find where it comes from with Autograd.detectAnomaly(true)");
        }
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            for (int p = 0; p < params.size(); p++) {
                Tensor grad = params.get(p).grad();
                if (grad != null) {
                    double[] g = grad.mutableData();
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= coef;
                    }
                }
            }
        }
        return norm;
    }

    /**
     * Clamps every gradient element into [−clipValue, clipValue] (PyTorch's
     * {@code clip_grad_value_}); returns the Euclidean norm of all gradients before clipping.
     * Infinite elements are clamped like any other; NaN stays NaN.
     */
    public static double clipGradValue(List<Tensor> params, double clipValue) {
        NullChecks.elements(params, "GradClip.clipGradValue", "params");
        Check.positive("GradClip.clipGradValue", "clipValue", clipValue);
        double norm = norm(params, 2.0);
        for (int p = 0; p < params.size(); p++) {
            Tensor grad = params.get(p).grad();
            if (grad != null) {
                double[] g = grad.mutableData();
                for (int i = 0; i < g.length; i++) {
                    g[i] = Math.min(Math.max(g[i], -clipValue), clipValue);
                }
            }
        }
        return norm;
    }

    /**
     * The p-norm of all gradients as one vector, without allocating. When the plain sum of powers
     * overflows although every element is finite, it is summed again relative to the largest
     * element, so huge finite gradients still get a finite norm.
     */
    private static double norm(List<Tensor> params, double p) {
        if (p == Double.POSITIVE_INFINITY) {
            return maxAbs(params);
        }
        double plain = root(sumOfPowers(params, p, 1.0), p);
        if (Double.isInfinite(plain)) {
            double max = maxAbs(params);
            if (Double.isFinite(max)) {
                return max * root(sumOfPowers(params, p, max), p);
            }
        }
        return plain;
    }

    private static double maxAbs(List<Tensor> params) {
        double max = 0;
        for (int k = 0; k < params.size(); k++) {
            Tensor grad = params.get(k).grad();
            if (grad != null) {
                for (double v : grad.data()) {
                    // Math.max propagates NaN, as the norm must.
                    max = Math.max(max, Math.abs(v));
                }
            }
        }
        return max;
    }

    /** Σ |g/scale|^p over all gradient elements. */
    private static double sumOfPowers(List<Tensor> params, double p, double scale) {
        double acc = 0;
        for (int k = 0; k < params.size(); k++) {
            Tensor grad = params.get(k).grad();
            if (grad == null) {
                continue;
            }
            for (double v : grad.data()) {
                double a = Math.abs(v) / scale;
                acc += p == 2.0 ? a * a : Math.pow(a, p);
            }
        }
        return acc;
    }

    private static double root(double sum, double p) {
        return p == 2.0 ? Math.sqrt(sum) : Math.pow(sum, 1 / p);
    }

    private static String firstNonFinite(List<Tensor> params) {
        for (int k = 0; k < params.size(); k++) {
            Tensor grad = params.get(k).grad();
            if (grad == null) {
                continue;
            }
            double[] g = grad.data();
            for (int i = 0; i < g.length; i++) {
                if (!Double.isFinite(g[i])) {
                    return "parameter " + k + " of shape " + params.get(k).shape() + " has gradient " + g[i]
                            + " at element " + i;
                }
            }
        }
        return "every element is finite, but their norm overflows";
    }
}
