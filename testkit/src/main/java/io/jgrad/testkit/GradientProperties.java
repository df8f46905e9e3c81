package io.jgrad.testkit;

import io.jgrad.core.Autograd;
import io.jgrad.core.GradCheck;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Gradient properties as one-line assertions for jqwik (or any) tests: autograd against central
 * differences to first and second order, and against a reference gradient such as a hand-derived
 * formula.
 *
 * <pre>{@code
 * @Property(tries = 50)
 * void cubeHasTheRightGradient(@ForAll("tensors") Tensor x) {
 *     GradientProperties.matchesCentralDifferences(in -> new Cube().apply(in.get(0)), List.of(x));
 * }
 * }</pre>
 *
 * <p>Every input is differentiated, whatever its {@code requiresGrad()} (the caller's tensors are
 * not changed); to hold a tensor fixed, capture it in {@code fn} instead of passing it. A function
 * with a non-scalar output is checked through a fixed random projection, as {@link GradCheck} does.
 * On failure an {@link AssertionError} names the worst element (input, index, autograd and expected
 * values, error and tolerance) and lists every input as a Java expression to paste into a test.
 *
 * <p>Central differences use {@link GradCheck.Options#defaults()}: step ε = 1e-6, atol = 1e-5,
 * rtol = 1e-3 (PyTorch's gradcheck defaults). On the {@link Domain}s' values their error is about
 * 1e-10 (truncation ε²·f‴/6 plus rounding 1e-16·|f|/ε), far inside the tolerance, while a wrong
 * backward rule is off by O(1). The reference check is tighter: see {@link Tolerance}.
 */
public final class GradientProperties {
    private GradientProperties() {
    }

    /** Asserts that autograd's first derivatives of {@code fn} at {@code inputs} match central differences. */
    public static void matchesCentralDifferences(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs) {
        matchesCentralDifferences(fn, inputs, GradCheck.Options.defaults());
    }

    public static void matchesCentralDifferences(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs,
                                                 GradCheck.Options options) {
        GradCheck.Report r = GradCheck.check(fn, differentiable("matchesCentralDifferences", inputs), options);
        if (!r.passed()) {
            throw new AssertionError(Reports.failure("the gradient from autograd does not match central differences",
                    r.toString(), inputs, r.worstInput()));
        }
    }

    /**
     * Asserts that second derivatives match too: the gradient (taken with {@code createGraph}) of
     * the first derivatives along a fixed random direction, against central differences of it, i.e.
     * Hessian-vector products. It fails for a backward rule that is not itself differentiable (one
     * that computes with raw arrays instead of tensor ops).
     */
    public static void secondOrderMatches(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs) {
        secondOrderMatches(fn, inputs, GradCheck.Options.defaults());
    }

    public static void secondOrderMatches(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs,
                                          GradCheck.Options options) {
        GradCheck.Report r = GradCheck.checkSecondOrder(fn, differentiable("secondOrderMatches", inputs), options);
        if (!r.passed()) {
            throw new AssertionError(Reports.failure("second derivatives from autograd (Hessian-vector products)"
                    + " do not match central differences of the gradient", r.toString(), inputs, r.worstInput()));
        }
    }

    /**
     * Asserts that autograd's gradient of the scalar {@code fn} equals {@code reference}: a function
     * of the same inputs returning one gradient per input, in that input's shape (a hand-derived
     * formula, say dL/dW = Xᵀ(XW − Y)·2/m). The reference runs with recording off. For an op with
     * a non-scalar output, check a scalar of it, e.g. {@code in -> op(in).mul(weights).sum()}.
     */
    public static void matchesReference(Function<List<Tensor>, Tensor> fn,
                                        Function<List<Tensor>, List<Tensor>> reference, List<Tensor> inputs) {
        matchesReference(fn, reference, inputs, Tolerance.defaults());
    }

    public static void matchesReference(Function<List<Tensor>, Tensor> fn,
                                        Function<List<Tensor>, List<Tensor>> reference, List<Tensor> inputs,
                                        Tolerance tolerance) {
        List<Tensor> xs = differentiable("matchesReference", inputs);
        Tensor out = fn.apply(xs);
        if (out.size() != 1) {
            throw new IllegalArgumentException("matchesReference: fn returned shape " + out.shape()
                    + "; it needs a one-element output (reduce it, e.g. with sum() or mul(weights).sum())");
        }
        List<Tensor> autograd = Autograd.grad(out, xs, false);
        List<Tensor> expected;
        try (var scope = Autograd.noGrad()) {
            List<Tensor> plain = new ArrayList<>(inputs.size());
            for (Tensor x : inputs) {
                plain.add(x.copy());
            }
            expected = reference.apply(plain);
        }
        checkShapes(expected, inputs);
        int worstInput = -1;
        int worstFlat = -1;
        double worstRatio = -1;
        int checked = 0;
        for (int i = 0; i < inputs.size(); i++) {
            double[] a = autograd.get(i).data(), e = expected.get(i).data();
            for (int j = 0; j < a.length; j++) {
                double err = Math.abs(a[j] - e[j]);
                double ratio = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err / tolerance.allowed(e[j]);
                checked++;
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worstInput = i;
                    worstFlat = j;
                }
            }
        }
        if (worstRatio > 1.0) {
            double a = autograd.get(worstInput).data()[worstFlat], e = expected.get(worstInput).data()[worstFlat];
            String worst = String.format(Locale.ROOT,
                    "%d elements; worst: input %d %s element %s: autograd %.12g vs reference %.12g"
                            + " (|error| %.3g, tolerance %.3g)",
                    checked, worstInput, inputs.get(worstInput).shape(),
                    Arrays.toString(unravel(worstFlat, inputs.get(worstInput).shape().dims())), a, e,
                    Math.abs(a - e), tolerance.allowed(e));
            throw new AssertionError(Reports.failure("the gradient from autograd does not match the reference",
                    worst, inputs, worstInput));
        }
    }

    /** Copies of the inputs that require grad, so that every input is differentiated. */
    private static List<Tensor> differentiable(String method, List<Tensor> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(method + ": no inputs; pass the tensors to differentiate with respect to");
        }
        List<Tensor> xs = new ArrayList<>(inputs.size());
        for (Tensor x : inputs) {
            xs.add(x.copy().requiresGrad(true));
        }
        return xs;
    }

    private static void checkShapes(List<Tensor> expected, List<Tensor> inputs) {
        if (expected.size() != inputs.size()) {
            throw new IllegalArgumentException("matchesReference: the reference returned " + expected.size()
                    + " gradients for " + inputs.size() + " inputs; return one gradient per input, in order");
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (!expected.get(i).shape().equals(inputs.get(i).shape())) {
                throw new IllegalArgumentException("matchesReference: the reference gradient for input " + i
                        + " has shape " + expected.get(i).shape() + " but the input has shape "
                        + inputs.get(i).shape() + "; return each gradient in its input's shape");
            }
        }
    }

    private static int[] unravel(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            idx[i] = flat % dims[i];
            flat /= dims[i];
        }
        return idx;
    }
}
