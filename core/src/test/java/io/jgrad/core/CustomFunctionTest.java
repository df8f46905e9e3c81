package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** User-defined ops: forward, backward, saved tensors, second order, and misuse. */
final class CustomFunctionTest {

    /** x³ with a hand-written backward 3x²·grad, written with tensor ops so it differentiates again. */
    static final class Cube extends CustomFunction {
        boolean forwardSawRecording;

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            forwardSawRecording = Autograd.isGradEnabled();
            ctx.save(in[0]);
            return in[0].mul(in[0]).mul(in[0]);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            Tensor x = ctx.saved(0);
            return new Tensor[] {grad.mul(x.mul(x).mul(3.0))};
        }
    }

    /** a·b with a backward that honours needsInputGrad. */
    static final class Product extends CustomFunction {
        boolean[] asked = new boolean[2];

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            ctx.save(in[0], in[1]);
            return in[0].mul(in[1]);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            asked[0] = ctx.needsInputGrad(0);
            asked[1] = ctx.needsInputGrad(1);
            return new Tensor[] {
                ctx.needsInputGrad(0) ? grad.mul(ctx.saved(1)) : null,
                ctx.needsInputGrad(1) ? grad.mul(ctx.saved(0)) : null};
        }

        @Override
        protected String name() {
            return "product";
        }
    }

    /** A two-input op whose backward forgets one gradient. */
    static final class ForgetsOne extends CustomFunction {
        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            return in[0].add(in[1]);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            return new Tensor[] {grad};
        }
    }

    @Test
    void forwardAndBackwardRunAsWritten() {
        Tensor x = Tensor.of(new double[] {1, -2, 3}).requiresGrad(true);
        Cube cube = new Cube();
        Tensor y = cube.apply(x);
        assertFalse(cube.forwardSawRecording, "forward runs with recording off");
        assertArrayEquals(new double[] {1, -8, 27}, y.toArray());
        assertEquals("Cube", y.opName());
        assertFalse(y.isLeaf());
        y.sum().backward();
        assertArrayEquals(new double[] {3, 12, 27}, x.grad().toArray());
    }

    @Test
    void secondAndThirdDerivativesFlowThroughTheCustomBackward() {
        assertArrayEquals(new double[] {3 * 4, 6 * 2, 6}, Derivatives.ofScalar(2.0, x -> new Cube().apply(x), 3),
                0.0);
        Tensor x = Tensor.of(new double[] {0.5, 1.5}).requiresGrad(true);
        GradCheck.checkSecondOrder(in -> new Cube().apply(in.get(0)).tanh(), List.of(x)).assertPassed();
    }

    @Test
    void backwardIsAskedOnlyForInputsThatNeedAGradient() {
        Tensor a = Tensor.of(new double[] {2, 3}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {5, 7});
        Product p = new Product();
        p.apply(a, b).sum().backward();
        assertArrayEquals(new boolean[] {true, false}, p.asked);
        assertArrayEquals(new double[] {5, 7}, a.grad().toArray());
        assertNull(b.grad());
    }

    @Test
    void nothingIsRecordedWhenNoInputNeedsAGradient() {
        Tensor y = new Product().apply(Tensor.of(new double[] {2}), Tensor.of(new double[] {4}));
        assertTrue(y.isLeaf());
        assertFalse(y.requiresGrad());
        assertEquals(8.0, y.item());
    }

    @Test
    void aBackwardReturningTheWrongNumberOfGradientsIsNamed() {
        Tensor a = Tensor.scalar(1).requiresGrad(true);
        Tensor b = Tensor.scalar(2).requiresGrad(true);
        Tensor y = new ForgetsOne().apply(a, b);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("ForgetsOne: backward returned 1 gradients for 2 inputs; return one per input", e.getMessage());
    }

    @Test
    void aGradientOfTheWrongShapeIsNamed() {
        CustomFunction wrongShape = new CustomFunction() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                return in[0].mul(2.0);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor grad) {
                return new Tensor[] {grad.sum(0, false)};
            }

            @Override
            protected String name() {
                return "double";
            }
        };
        Tensor x = Tensor.ones(2, 3).requiresGrad(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> wrongShape.apply(x).sum().backward());
        assertEquals("double: backward returned a gradient of shape [3] for input 0 of shape [2, 3]; a gradient"
                + " must have the input's shape (or a shape it broadcasts to)", e.getMessage());
    }

    @Test
    void aGradientInTheOutputsBroadcastShapeIsSummedBack() {
        CustomFunction addBias = new CustomFunction() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                return in[0].add(in[1]);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor grad) {
                return new Tensor[] {grad, grad};
            }
        };
        Tensor x = Tensor.ones(2, 3).requiresGrad(true);
        Tensor b = Tensor.zeros(3).requiresGrad(true);
        addBias.apply(x, b).backward(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertArrayEquals(new double[] {5, 7, 9}, b.grad().toArray());
    }

    @Test
    void savedTensorsAreCheckedForInPlaceChanges() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = new Cube().apply(x).sum();
        x.mutableData()[1] = 0;
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().startsWith("Cube: a tensor of shape [2] that this op saved for backward was"
                + " modified in place (version 0 when saved, 1 now)"), e.getMessage());
    }

    @Test
    void savedTensorsAreReleasedAfterBackward() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor y = new Cube().apply(x);
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().startsWith("Cube: trying to backward through the graph a second time"),
                e.getMessage());
    }

    @Test
    void misuseOfTheContextIsExplained() {
        CustomFunction readsMissing = new CustomFunction() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                ctx.save(in[0]);
                return in[0].exp();
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor grad) {
                return new Tensor[] {grad.mul(ctx.saved(1))};
            }

            @Override
            protected String name() {
                return "readsMissing";
            }
        };
        Tensor y = readsMissing.apply(Tensor.scalar(1).requiresGrad(true));
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("Context.saved: no saved tensor 1 (1 were saved in forward)", e.getMessage());

        CustomFunction returnsNull = new CustomFunction() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                return null;
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor grad) {
                return null;
            }
        };
        IllegalStateException n = assertThrows(IllegalStateException.class, () -> returnsNull.apply(Tensor.scalar(1)));
        // An anonymous class has no simple name; the binary name still says where it is.
        assertTrue(returnsNull.getClass().getName().startsWith("io.jgrad.core.CustomFunctionTest$"));
        assertEquals(returnsNull.getClass().getName() + ": forward returned null; return the output tensor",
                n.getMessage());
    }
}
