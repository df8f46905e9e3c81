package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.Naive.Nd;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random calls of core's tensor operations with random shapes, axes, indices, constants and
 * values, many of them malformed. Each call either returns what a naive reference computes (same
 * shape, same values, and for differentiable ops a gradient that matches central differences of
 * the reference) or throws the exception type the documentation names for that mistake, with a
 * message that starts with the method's name — never another exception, never a wrong result.
 * {@value #TRIES} calls per run.
 */
final class MalformedCallsPropertyTest {
    /** The number of random calls per run, quoted in docs/RELIABILITY.md. */
    static final int TRIES = 3000;

    @Property(tries = TRIES)
    void everyCallGivesTheReferenceResultOrTheDocumentedException(@ForAll("calls") MalformedCall call) {
        // A call that never returns is caught by the build's fork timeout (parent pom), not timed here.
        check(call);
    }

    @Provide
    Arbitrary<MalformedCall> calls() {
        Arbitrary<Integer> dim = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(9, Arbitraries.integers().between(1, 3)));
        Arbitrary<int[]> shape = dim.list().ofMaxSize(3).map(l -> l.stream().mapToInt(Integer::intValue).toArray());
        Arbitrary<int[]> ints = Arbitraries.integers().between(-2, 4).list().ofMaxSize(5)
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray());
        return Combinators.combine(Arbitraries.of(CallOp.class), shape, shape, Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(-4, 3), Arbitraries.of(true, false), ints, Arbitraries.longs())
                .as(MalformedCall::of);
    }

    /** Checks one call against the reference (also used by the exhaustive empty-tensor test). */
    static void check(MalformedCall call) {
        Object expected;
        try {
            expected = call.op().reference.apply(call, new Nd(call.a(), call.shapeA()), new Nd(call.b(), call.shapeB()));
        } catch (Naive.Invalid invalid) {
            checkRefused(call, invalid, run(call));
            return;
        }
        Tensor a = Tensor.of(call.a(), Shape.of(call.shapeA())).requiresGrad(true);
        Tensor b = Tensor.of(call.b(), Shape.of(call.shapeB())).requiresGrad(true);
        Object actual;
        try {
            actual = call.op().run.apply(call, a, b);
        } catch (RuntimeException e) {
            throw new AssertionError(call + "\nis valid but threw " + trace(e));
        }
        double tolerance = 1e-12 * scale(call);
        if (expected instanceof Nd nd) {
            assertClose(call, nd, (Tensor) actual, tolerance);
            if (call.op().differentiable()) {
                checkGradient(call, (Tensor) actual, a, b);
            }
        } else if (expected instanceof int[] indices) {
            assertArrayEquals(indices, (int[]) actual, call::toString);
        } else {
            assertClose(call, (Double) expected, (Double) actual, tolerance);
        }
    }

    /** Calls the library; returns what it threw, or fails if it returned. */
    private static RuntimeException run(MalformedCall call) {
        Tensor a = Tensor.of(call.a(), Shape.of(call.shapeA())).requiresGrad(true);
        Tensor b = Tensor.of(call.b(), Shape.of(call.shapeB())).requiresGrad(true);
        Object returned;
        try {
            returned = call.op().run.apply(call, a, b);
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError(call + "\nbreaks a rule but returned " + returned);
    }

    private static void checkRefused(MalformedCall call, Naive.Invalid invalid, RuntimeException thrown) {
        assertEquals(invalid.type, thrown.getClass(), () -> call + "\nbreaks a rule (" + invalid.getMessage()
                + ") and threw " + trace(thrown));
        String message = String.valueOf(thrown.getMessage());
        assertTrue(message.startsWith(call.op().method + ": ")
                        || call.op() == CallOp.OF && message.startsWith("Shape.of: "),
                () -> call + "\nthe message should start with \"" + call.op().method + ": \": " + message);
    }

    /** Backward with a fixed seed gradient: each operand's gradient has its shape and matches central differences. */
    private static void checkGradient(MalformedCall call, Tensor y, Tensor a, Tensor b) {
        double[] seed = new double[y.size()];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (i % 3) - 0.7;
        }
        y.backward(Tensor.of(seed, y.shape()));
        Tensor[] operands = call.op().binary ? new Tensor[] {a, b} : new Tensor[] {a};
        for (Tensor t : operands) {
            assertNotNull(t.grad(), () -> call + "\nan operand received no gradient");
            assertEquals(t.shape(), t.grad().shape(), () -> call + "\na gradient has the wrong shape");
        }
        // x^±∞ is piecewise constant, but its gradient p·x^(p−1) is 0·∞ = NaN, as in PyTorch.
        boolean infinitePower = call.op() == CallOp.POW && Double.isInfinite(call.c());
        if (call.special() || infinitePower || !allFinite(((Nd) call.op().reference.apply(call, nd(a), nd(b))).v())) {
            return;
        }
        for (int k = 0; k < operands.length; k++) {
            double[] x = operands[k].toArray();
            for (int j = 0; j < x.length; j++) {
                double[] plus = perturbed(call, operands, k, j, x[j] + 1e-6);
                double[] minus = perturbed(call, operands, k, j, x[j] - 1e-6);
                double sum = 0;
                for (int i = 0; i < seed.length; i++) {
                    // Difference per output first: outputs of very different sizes must not swamp each other.
                    sum += seed[i] * ((plus[i] - minus[i]) / 2e-6);
                }
                double numeric = sum;
                double auto = operands[k].grad().data()[j];
                int operand = k, element = j;
                // Equal infinities agree too: a derivative that overflows (x^1000 near x = 2) is ±∞ both ways.
                assertTrue(auto == numeric || Math.abs(auto - numeric) <= 1e-5 + 1e-4 * Math.abs(numeric), () -> call + "\nd/d"
                        + (operand == 0 ? "a" : "b") + "[" + element + "]: autograd " + auto + ", numeric " + numeric);
            }
        }
    }

    /** The reference output with element j of operand k set to v. */
    private static double[] perturbed(MalformedCall call, Tensor[] operands, int k, int j, double v) {
        Nd[] nds = new Nd[2];
        for (int i = 0; i < operands.length; i++) {
            double[] values = operands[i].toArray();
            if (i == k) {
                values[j] = v;
            }
            nds[i] = new Nd(values, operands[i].shape().dims());
        }
        Nd nb = operands.length > 1 ? nds[1] : new Nd(call.b(), call.shapeB());
        return ((Nd) call.op().reference.apply(call, nds[0], nb)).v();
    }

    private static Nd nd(Tensor t) {
        return new Nd(t.toArray(), t.shape().dims());
    }

    private static void assertClose(MalformedCall call, Nd expected, Tensor actual, double tolerance) {
        assertArrayEquals(expected.d(), actual.shape().dims(), () -> call + "\nwrong shape " + actual.shape());
        for (int i = 0; i < expected.v().length; i++) {
            assertClose(call, expected.v()[i], actual.data()[i], tolerance);
        }
    }

    private static void assertClose(MalformedCall call, double expected, double actual, double tolerance) {
        boolean same = expected == actual || Double.isNaN(expected) && Double.isNaN(actual)
                || Math.abs(expected - actual) <= tolerance * (1 + Math.abs(expected));
        assertTrue(same, () -> call + "\nexpected " + expected + " but got " + actual);
    }

    /**
     * The rounding scale of a call: sums and products of up to 27 terms reorder differently in the
     * library and the reference, so the tolerance grows with the operands' magnitudes and counts.
     */
    private static double scale(MalformedCall call) {
        double c = Double.isFinite(call.c()) ? Math.abs(call.c()) : 0;
        return (1 + maxAbs(call.a())) * (1 + maxAbs(call.b())) * (1 + c) * (1 + call.a().length + call.b().length);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m;
    }

    private static boolean allFinite(double[] v) {
        return Arrays.stream(v).allMatch(Double::isFinite);
    }

    private static String trace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
