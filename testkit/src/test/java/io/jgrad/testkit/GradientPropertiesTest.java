package io.jgrad.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.CustomFunction;
import io.jgrad.core.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What the one-liners accept, reject, and say when they fail. */
class GradientPropertiesTest {

    /** x·y element-wise whose backward drops the gradient of x's last element. */
    static final class MulDroppingLast extends CustomFunction {
        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            ctx.save(in[0], in[1]);
            return in[0].mul(in[1]);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            double[] keep = new double[grad.size()];
            java.util.Arrays.fill(keep, 0, keep.length - 1, 1.0);
            Tensor mask = Tensor.of(keep, grad.shape());
            return new Tensor[] {grad.mul(ctx.saved(1)).mul(mask), grad.mul(ctx.saved(0))};
        }
    }

    /** x² whose backward is right but computed from raw values, so it cannot be differentiated again. */
    static final class SquareOffTheGraph extends CustomFunction {
        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            ctx.save(in[0]);
            return in[0].mul(in[0]);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            double[] x = ctx.saved(0).toArray();
            for (int i = 0; i < x.length; i++) {
                x[i] *= 2;
            }
            return new Tensor[] {grad.mul(Tensor.of(x, grad.shape()))};
        }
    }

    private static final Function<List<Tensor>, Tensor> MUL_DROPPING_LAST =
            in -> new MulDroppingLast().apply(in.get(0), in.get(1));

    @Test
    void aCorrectGradientPassesAndTheCallersTensorsAreLeftAlone() {
        Tensor x = Tensor.of(new double[] {0.5, -1.25, 2}, 3);
        GradientProperties.matchesCentralDifferences(in -> in.get(0).tanh().mul(in.get(0)).sum(), List.of(x));
        GradientProperties.secondOrderMatches(in -> in.get(0).tanh().mul(in.get(0)).sum(), List.of(x));
        assertFalse(x.requiresGrad());
        assertNull(x.grad());
        assertArrayEquals(new double[] {0.5, -1.25, 2}, x.data());
    }

    @Test
    void theFailureNamesTheWorstElementItsValuesAndTheInputs() {
        Tensor x = Tensor.of(new double[] {1.5, -2.25}, 2);
        Tensor y = Tensor.of(new double[] {0.5, 4}, 2);
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradientProperties.matchesCentralDifferences(in -> MUL_DROPPING_LAST.apply(in).sum(), List.of(x, y)));
        String m = e.getMessage();
        assertTrue(m.startsWith("the gradient from autograd does not match central differences"), m);
        // d/dx1 of x·y is y1 = 4; the broken rule gives 0.
        assertTrue(m.contains("worst: input 0 [2] element [1]: autograd 0.00000000000 vs numeric 4.00000000"), m);
        assertTrue(m.contains("input 0 [2] (worst): Tensor.of(new double[] {1.5, -2.25}, 2)"), m);
        assertTrue(m.contains("input 1 [2]: Tensor.of(new double[] {0.5, 4.0}, 2)"), m);
    }

    @Test
    void everyInputIsDifferentiatedWhateverItsRequiresGrad() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2);
        Tensor y = Tensor.of(new double[] {3, 5}, 2).requiresGrad(false);
        // Only x's last element is wrong: were x held fixed, this would pass.
        assertThrows(AssertionError.class, () -> GradientProperties.matchesCentralDifferences(MUL_DROPPING_LAST, List.of(x, y)));
    }

    @Test
    void secondOrderCatchesABackwardThatIsNotDifferentiable() {
        List<Tensor> x = List.of(Tensor.of(new double[] {0.5, -1, 2}, 3));
        Function<List<Tensor>, Tensor> fn = in -> new SquareOffTheGraph().apply(in.get(0));
        assertDoesNotThrow(() -> GradientProperties.matchesCentralDifferences(fn, x));
        AssertionError e = assertThrows(AssertionError.class, () -> GradientProperties.secondOrderMatches(fn, x));
        assertTrue(e.getMessage().startsWith("second derivatives from autograd"), e.getMessage());
        assertTrue(e.getMessage().contains("autograd 0.00000000000 vs numeric"), e.getMessage());
    }

    /** The hand-derived gradient of a mean squared error of a linear model: dW = 2/m · Xᵀ(XW − Y). */
    @Test
    void aHandDerivedFormulaMatchesAndAWrongOneIsReported() {
        Tensor xs = Tensor.of(new double[][] {{1, 2}, {-1, 0.5}, {3, -2}});
        Tensor ys = Tensor.of(new double[][] {{1}, {0}, {-1}});
        Tensor w = Tensor.of(new double[][] {{0.25}, {-0.5}});
        Function<List<Tensor>, Tensor> loss = in -> xs.matmul(in.get(0)).sub(ys).pow(2).mean();
        GradientProperties.matchesReference(loss,
                in -> List.of(xs.transpose().matmul(xs.matmul(in.get(0)).sub(ys)).mul(2.0 / 3)), List.of(w));

        AssertionError e = assertThrows(AssertionError.class, () -> GradientProperties.matchesReference(loss,
                in -> List.of(xs.transpose().matmul(xs.matmul(in.get(0)).sub(ys)).mul(1.0 / 3)), List.of(w)));
        assertTrue(e.getMessage().startsWith("the gradient from autograd does not match the reference"), e.getMessage());
        assertTrue(e.getMessage().contains("vs reference"), e.getMessage());
        assertTrue(e.getMessage().contains("input 0 [2, 1] (worst): Tensor.of(new double[] {0.25, -0.5}, 2, 1)"),
                e.getMessage());
    }

    @Test
    void misuseIsReportedAsIllegalArgument() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2);
        IllegalArgumentException nonScalar = assertThrows(IllegalArgumentException.class,
                () -> GradientProperties.matchesReference(in -> in.get(0).exp(), in -> List.of(in.get(0)), List.of(x)));
        assertTrue(nonScalar.getMessage().contains("matchesReference: fn returned shape [2]"), nonScalar.getMessage());
        IllegalArgumentException wrongShape = assertThrows(IllegalArgumentException.class,
                () -> GradientProperties.matchesReference(in -> in.get(0).sum(), in -> List.of(Tensor.ones(3)), List.of(x)));
        assertTrue(wrongShape.getMessage().contains("input 0 has shape [3] but the input has shape [2]"),
                wrongShape.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> GradientProperties.matchesReference(in -> in.get(0).sum(), in -> List.of(), List.of(x)));
        assertTrue(count.getMessage().contains("returned 0 gradients for 1 inputs"), count.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> GradientProperties.matchesCentralDifferences(in -> Tensor.scalar(0), List.of()));
        assertEquals("matchesCentralDifferences: no inputs; pass the tensors to differentiate with respect to",
                none.getMessage());
    }
}
