package io.jgrad.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Checks autograd against central differences, element by element, in double precision.
 *
 * <pre>{@code
 * Tensor x = Tensor.randn(rng, 3, 4).requiresGrad(true);
 * GradCheck.Report r = GradCheck.check(in -> in.get(0).tanh().sum(), List.of(x));
 * r.assertPassed();          // or assertTrue(r.passed(), r::toString)
 * }</pre>
 *
 * <p>A function with a non-scalar output is checked through a fixed random projection
 * {@code <u, f(x)>} (seeded), which tests the vector-Jacobian product backward actually computes.
 * For each input element, the numerical derivative is {@code (f(x + ε) − f(x − ε)) / 2ε}; an
 * element passes when {@code |autograd − numeric| ≤ atol + rtol·|numeric|}. Inputs with
 * {@code requiresGrad() == false} are held fixed. The caller's tensors are not modified.
 */
public final class GradCheck {
    private GradCheck() {
    }

    /**
     * Step and tolerances. The defaults (ε = 1e-6, atol = 1e-5, rtol = 1e-3) are PyTorch's
     * gradcheck defaults: central differences in double precision are accurate to about ε² times
     * the third derivative plus rounding of about 1e-16/ε, i.e. ~1e-10 for smooth functions of
     * moderate size, far inside those bounds, while a wrong rule is off by O(1).
     *
     * @param eps the finite-difference step ε
     * @param atol the absolute tolerance
     * @param rtol the tolerance relative to the numeric derivative
     * @param seed seeds the random projection of non-scalar outputs and the second-order directions
     */
    public record Options(double eps, double atol, double rtol, long seed) {
        /** Checks that eps is positive and the tolerances are not negative. */
        public Options {
            if (!(eps > 0) || !(atol >= 0) || !(rtol >= 0)) {
                throw new IllegalArgumentException("GradCheck.Options: need eps > 0, atol >= 0, rtol >= 0; got eps = "
                        + eps + ", atol = " + atol + ", rtol = " + rtol);
            }
        }

        /** ε = 1e-6, atol = 1e-5, rtol = 1e-3, projection seed 42. */
        public static Options defaults() {
            return new Options(1e-6, 1e-5, 1e-3, 42);
        }

        /** These options with other tolerances. */
        public Options withTolerance(double atol, double rtol) {
            return new Options(eps, atol, rtol, seed);
        }

        /** These options with another finite-difference step. */
        public Options withEps(double eps) {
            return new Options(eps, atol, rtol, seed);
        }
    }

    /**
     * The outcome: whether every element passed, and the worst element (largest error relative to
     * its tolerance) with both values.
     *
     * @param passed whether every checked element was within tolerance
     * @param checkedElements how many input elements were checked
     * @param worstInput position in the input list of the worst element's tensor (-1 if none)
     * @param worstIndex the worst element's index in that tensor, one coordinate per dimension
     * @param autograd the derivative autograd computed there
     * @param numeric the central-difference derivative there
     * @param absError |autograd − numeric|
     * @param tolerance atol + rtol·|numeric| for that element
     * @param inputShape the shape of the worst element's tensor, e.g. "[2, 3]"
     */
    public record Report(boolean passed, int checkedElements, int worstInput, int[] worstIndex,
                         double autograd, double numeric, double absError, double tolerance, String inputShape) {
        /** Throws an {@link AssertionError} with {@link #toString()} when the check failed. */
        public void assertPassed() {
            if (!passed) {
                throw new AssertionError(toString());
            }
        }

        @Override
        public String toString() {
            if (checkedElements == 0) {
                return "GradCheck: no input requires grad, nothing was checked";
            }
            return String.format(java.util.Locale.ROOT,
                    "GradCheck %s: %d elements; worst: input %d %s element %s: autograd %.12g vs numeric %.12g"
                            + " (|error| %.3g, tolerance %.3g)",
                    passed ? "passed" : "FAILED", checkedElements, worstInput, inputShape,
                    Arrays.toString(worstIndex), autograd, numeric, absError, tolerance);
        }
    }

    /** Checks the first derivatives of {@code fn} at {@code inputs} with the default options. */
    public static Report check(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs) {
        return check(fn, inputs, Options.defaults());
    }

    /**
     * Checks the first derivatives of {@code fn} at {@code inputs}: every element of every input that
     * requires grad is perturbed by ±ε on a private copy and the central difference compared with
     * autograd. {@code fn} is called about twice per checked element, so keep inputs small.
     */
    public static Report check(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs, Options options) {
        requireArguments("check", fn, inputs, options);
        List<Tensor> xs = leafCopies(inputs);
        Tensor probe = fn.apply(xs);
        Tensor u = projection(probe.shape(), options.seed());
        Function<List<Tensor>, Tensor> scalarFn = in -> project(fn.apply(in), u);

        List<Tensor> differentiable = new ArrayList<>();
        for (Tensor x : xs) {
            if (x.requiresGrad()) {
                differentiable.add(x);
            }
        }
        Tensor out = scalarFn.apply(xs);
        // An output that nothing differentiable reaches (a constant, or the gradient of a linear
        // function in a second-order check) has zero gradients; the differences will confirm it.
        List<Tensor> analytic = new ArrayList<>();
        if (out.requiresGrad()) {
            analytic = Autograd.grad(out, differentiable, false);
        } else {
            for (Tensor x : differentiable) {
                analytic.add(Tensor.zerosLike(x));
            }
        }

        Report worst = new Report(true, 0, -1, new int[0], 0, 0, 0, 0, "");
        double worstRatio = -1;
        int checked = 0;
        for (int i = 0, d = 0; i < xs.size(); i++) {
            Tensor x = xs.get(i);
            if (!x.requiresGrad()) {
                continue;
            }
            double[] g = analytic.get(d++).data;
            for (int j = 0; j < x.data.length; j++) {
                double numeric = centralDifference(scalarFn, xs, x, j, options.eps());
                double err = Math.abs(g[j] - numeric);
                double tol = options.atol() + options.rtol() * Math.abs(numeric);
                double ratio = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err / tol;
                checked++;
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worst = new Report(false, 0, i, unravel(j, x.shape()), g[j], numeric, err, tol,
                            x.shape().toString());
                }
            }
        }
        return new Report(worstRatio <= 1.0, checked, worst.worstInput(), worst.worstIndex(), worst.autograd(),
                worst.numeric(), worst.absError(), worst.tolerance(), worst.inputShape());
    }

    /**
     * Checks second derivatives: the gradient of {@code <∇f(x), w>} (w a fixed random direction,
     * ∇f taken with {@code createGraph}) against central differences, i.e. Hessian-vector products.
     */
    public static Report checkSecondOrder(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs) {
        return checkSecondOrder(fn, inputs, Options.defaults());
    }

    /** {@link #checkSecondOrder(Function, List)} with the given step, tolerances and seed. */
    public static Report checkSecondOrder(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs, Options options) {
        requireArguments("checkSecondOrder", fn, inputs, options);
        List<Tensor> probeInputs = leafCopies(inputs);
        Tensor u = projection(fn.apply(probeInputs).shape(), options.seed());
        List<Tensor> ws = new ArrayList<>();
        RandomGenerator rng = new MersenneTwister(options.seed() + 1);
        for (Tensor x : inputs) {
            ws.add(Tensor.randn(rng, x.shape().dims()));
        }
        Function<List<Tensor>, Tensor> gradDotW = in -> {
            List<Tensor> wrt = new ArrayList<>();
            List<Tensor> dirs = new ArrayList<>();
            for (int i = 0; i < in.size(); i++) {
                if (in.get(i).requiresGrad()) {
                    wrt.add(in.get(i));
                    dirs.add(ws.get(i));
                }
            }
            List<Tensor> g = Autograd.grad(project(fn.apply(in), u), wrt, true);
            Tensor s = Tensor.scalar(0.0);
            for (int i = 0; i < g.size(); i++) {
                s = s.add(g.get(i).mul(dirs.get(i)).sum());
            }
            return s;
        };
        return check(gradDotW, inputs, options);
    }

    private static void requireArguments(String method, Function<List<Tensor>, Tensor> fn, List<Tensor> inputs,
                                         Options options) {
        Objects.requireNonNull(fn, () -> method + ": fn is null");
        NullChecks.elements(inputs, method, "inputs");
        Objects.requireNonNull(options, () -> method + ": options is null");
    }

    private static List<Tensor> leafCopies(List<Tensor> inputs) {
        List<Tensor> xs = new ArrayList<>(inputs.size());
        for (Tensor t : inputs) {
            xs.add(t.copy().requiresGrad(t.requiresGrad()));
        }
        return xs;
    }

    private static Tensor projection(Shape shape, long seed) {
        if (shape.size() == 1) {
            return Tensor.ones(shape.dims());
        }
        return Tensor.randn(new MersenneTwister(seed), shape.dims());
    }

    private static Tensor project(Tensor y, Tensor u) {
        return y.size() == 1 ? y.sum() : y.mul(u).sum();
    }

    private static double centralDifference(Function<List<Tensor>, Tensor> f, List<Tensor> xs, Tensor x, int j,
                                            double eps) {
        double orig = x.data[j];
        try {
            x.data[j] = orig + eps;
            double plus = f.apply(xs).item();
            x.data[j] = orig - eps;
            double minus = f.apply(xs).item();
            return (plus - minus) / (2 * eps);
        } finally {
            x.data[j] = orig;
        }
    }

    private static int[] unravel(int flat, Shape shape) {
        int[] dims = shape.dimsUnsafe();
        int[] idx = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            idx[i] = flat % dims[i];
            flat /= dims[i];
        }
        return idx;
    }
}
