package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** GradCheck catches wrong backward rules and passes right ones; GraphDot draws the recorded graph. */
final class GradCheckTest {
    private final RandomGenerator rng = new MersenneTwister(99);

    /** exp with a backward that is off by a factor 1.01 on element 2 only. */
    static final class SubtlyWrongExp extends CustomFunction {
        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            Tensor y = in[0].exp();
            ctx.save(y);
            return y;
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            double[] scale = {1, 1, 1.01, 1};
            return new Tensor[] {grad.mul(ctx.saved(0)).mul(Tensor.of(scale, ctx.saved(0).shape()))};
        }
    }

    /** x² with a backward 2·x.detach()·grad: right first derivative, zero second derivative. */
    static final class SquareWithConstantSlope extends CustomFunction {
        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            ctx.save(in[0]);
            return in[0].mul(in[0]);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {grad.mul(ctx.saved(0).detach()).mul(2.0)};
        }
    }

    @Test
    void passesOnCorrectFunctionsAndCountsElements() {
        Tensor a = Tensor.randn(rng, 3, 4).requiresGrad(true);
        Tensor b = Tensor.randn(rng, 4).requiresGrad(true);
        Tensor fixed = Tensor.randn(rng, 3, 4);
        GradCheck.Report r = GradCheck.check(in -> in.get(0).mul(in.get(1)).tanh().add(in.get(2)).logSoftmax(1),
                List.of(a, b, fixed));
        assertTrue(r.passed(), r::toString);
        assertEquals(16, r.checkedElements(), "only inputs that require grad are checked");
        assertTrue(r.toString().startsWith("GradCheck passed: 16 elements; worst: input "), r.toString());
        r.assertPassed();
        assertNull(a.grad(), "the caller's tensors are left alone");
        assertEquals(0, a.version());
    }

    @Test
    void failsOnAWrongBackwardAndNamesTheInputAndElement() {
        Tensor other = Tensor.randn(rng, 3).requiresGrad(true);
        Tensor x = Tensor.of(new double[] {0.1, 0.2, 0.3, 0.4}, 2, 2).requiresGrad(true);
        GradCheck.Report r = GradCheck.check(in -> new SubtlyWrongExp().apply(in.get(1)).sum().mul(in.get(0).sum()),
                List.of(other, x));
        assertFalse(r.passed());
        assertEquals(1, r.worstInput());
        assertArrayEquals(new int[] {1, 0}, r.worstIndex());
        assertEquals("[2, 2]", r.inputShape());
        double expectedNumeric = Math.exp(0.3) * other.sum().item();
        assertEquals(expectedNumeric, r.numeric(), 1e-8);
        assertEquals(1.01 * expectedNumeric, r.autograd(), 1e-12);
        assertTrue(r.toString().startsWith("GradCheck FAILED: 7 elements; worst: input 1 [2, 2] element [1, 0]:"),
                r.toString());
        AssertionError e = assertThrows(AssertionError.class, r::assertPassed);
        assertEquals(r.toString(), e.getMessage());
    }

    @Test
    void tolerancesDecideWhatPasses() {
        Tensor x = Tensor.of(new double[] {0.1, 0.2, 0.3, 0.4}).requiresGrad(true);
        GradCheck.Options loose = GradCheck.Options.defaults().withTolerance(1e-5, 0.05);
        assertTrue(GradCheck.check(in -> new SubtlyWrongExp().apply(in.get(0)), List.of(x), loose).passed());
        assertFalse(GradCheck.check(in -> new SubtlyWrongExp().apply(in.get(0)), List.of(x)).passed());
        assertThrows(IllegalArgumentException.class, () -> GradCheck.Options.defaults().withEps(0));
    }

    @Test
    void secondOrderCheckPassesOnCorrectAndFailsOnFirstOrderOnlyRules() {
        Tensor x = Tensor.randn(rng, 2, 3).requiresGrad(true);
        Tensor w = Tensor.randn(rng, 3, 2).requiresGrad(true);
        GradCheck.Report good = GradCheck.checkSecondOrder(in -> in.get(0).matmul(in.get(1)).sigmoid().pow(2.0),
                List.of(x, w));
        assertTrue(good.passed(), good::toString);
        assertEquals(12, good.checkedElements());

        Tensor v = Tensor.of(new double[] {0.5, -1.5, 2}).requiresGrad(true);
        assertTrue(GradCheck.check(in -> new SquareWithConstantSlope().apply(in.get(0)), List.of(v)).passed());
        GradCheck.Report bad = GradCheck.checkSecondOrder(in -> new SquareWithConstantSlope().apply(in.get(0)),
                List.of(v));
        assertFalse(bad.passed(), bad::toString);
        assertEquals(0.0, bad.autograd(), "a detached slope has no second derivative");
    }

    @Test
    void secondOrderCheckOfALinearFunctionPasses() {
        // The gradient of a linear function is a constant: its own gradient is zero, not an error.
        Tensor x = Tensor.randn(rng, 3).requiresGrad(true);
        GradCheck.Report r = GradCheck.checkSecondOrder(in -> in.get(0).mul(3.0).sum(), List.of(x));
        assertTrue(r.passed(), r::toString);
        assertEquals(3, r.checkedElements());
        assertTrue(GradCheck.check(in -> Tensor.scalar(2.0), List.of(x)).passed());
    }

    @Test
    void reportsWhenNothingRequiresGrad() {
        GradCheck.Report r = GradCheck.check(in -> in.get(0).exp(), List.of(Tensor.ones(2)));
        assertTrue(r.passed());
        assertEquals(0, r.checkedElements());
        assertEquals("GradCheck: no input requires grad, nothing was checked", r.toString());
    }

    @Test
    void aFunctionComputedOffTheGraphIsReportedNotThrown() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        GradCheck.Report r = GradCheck.check(in -> in.get(0).detach().mul(3.0).sum(), List.of(x));
        assertFalse(r.passed());
        assertEquals(0.0, r.autograd());
        assertEquals(3.0, r.numeric(), 1e-6);
        assertArrayEquals(new int[] {0}, r.worstIndex());
    }

    @Test
    void graphDotShowsOpsShapesAndNamedLeaves() {
        Tensor x = Tensor.randn(rng, 2, 3);
        Tensor w1 = Tensor.randn(rng, 3, 4).requiresGrad(true);
        Tensor b1 = Tensor.zeros(4).requiresGrad(true);
        Tensor loss = x.matmul(w1).add(b1).relu().sum();
        String dot = GraphDot.toDot(loss, Map.of(w1, "W1", b1, "b1"));
        assertTrue(dot.startsWith("digraph jgrad {"), dot);
        assertTrue(dot.endsWith("}\n"), dot);
        for (String part : new String[] {"label=\"matmul\\n[2, 4]\"", "label=\"add\\n[2, 4]\"",
            "label=\"relu\\n[2, 4]\"", "label=\"sum\\n[]\"", "label=\"W1\\n[3, 4]\"", "label=\"b1\\n[4]\"",
            "label=\"constant\\n[2, 3]\"", "label=\"output []\""}) {
            assertTrue(dot.contains(part), () -> "missing " + part + " in\n" + dot);
        }
        // 4 ops + 2 leaves + 1 constant + the output marker; 6 edges between them and 1 to the output.
        assertEquals(8, dot.lines().filter(l -> l.contains("label=")).count(), dot);
        assertEquals(7, dot.lines().filter(l -> l.contains(" -> ")).count(), dot);

        String unnamed = GraphDot.toDot(w1.mul(w1).sum());
        assertTrue(unnamed.contains("label=\"leaf\\n[3, 4]\""), unnamed);
        assertEquals(1, unnamed.lines().filter(l -> l.contains("label=\"leaf")).count(), "one node per leaf");
        assertEquals(4, unnamed.lines().filter(l -> l.contains(" -> ")).count(), "mul has two edges from w1");
        assertTrue(GraphDot.toDot(w1).contains("label=\"leaf\\n[3, 4]\""));
    }
}
