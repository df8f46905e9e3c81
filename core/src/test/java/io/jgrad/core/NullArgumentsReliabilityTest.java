package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The null convention on core's public surface: a null argument (or a null element of an array or
 * list argument) is a NullPointerException naming the method and the parameter, thrown first.
 */
final class NullArgumentsReliabilityTest {

    /** A user-defined op whose forward keeps its context, so that Context's methods can be called. */
    private static final class Square extends CustomFunction {
        Context last;

        @Override
        protected Tensor forward(Context ctx, Tensor... inputs) {
            last = ctx;
            ctx.save(inputs[0]);
            return inputs[0].mul(inputs[0]);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor gradOutput) {
            return new Tensor[] {gradOutput.mul(ctx.saved(0)).mul(2.0)};
        }
    }

    @Test
    void everyPublicMemberOfCoreRejectsNullNamingTheParameter() {
        Square square = new Square();
        square.apply(Tensor.ones(1).requiresGrad(true));
        NullArguments check = new NullArguments()
                .sample(CustomFunction.class, Square::new)
                .sample(CustomFunction.Context.class, () -> square.last)
                .exempt("Report.<init>", "a result record the library builds; users only read it");
        List<String> violations = check.violations(Tensor.class, Shape.class, Autograd.class, GradCheck.class,
                GraphDot.class, CustomFunction.class, CustomFunction.Context.class, GradCheck.Options.class,
                GradCheck.Report.class, Autograd.GradScope.class, Tensor.HookHandle.class);
        assertEquals(List.of(), violations, () -> String.join("\n", violations));
        assertTrue(check.calls() >= 40, "only " + check.calls() + " null calls were made");
    }

    @Test
    void nullElementsOfArraysAndListsAreNamedByPosition() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        assertNpe("grad: inputs[1] is null", () -> Autograd.grad(x.sum(), Arrays.asList(x, null), false));
        assertNpe("apply: inputs[0] is null", () -> new Square().apply((Tensor) null));
        assertNpe("Tensor.of: rows[1] is null", () -> Tensor.of(new double[][] {{1}, null}));
        assertNpe("check: inputs[0] is null",
                () -> GradCheck.check(in -> in.get(0).sum(), Arrays.asList((Tensor) null)));
        CustomFunction saveNull = new CustomFunction() {
            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                ctx.save(inputs[0], null);
                return inputs[0];
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gradOutput) {
                return new Tensor[] {gradOutput};
            }
        };
        assertNpe("Context.save: tensors[1] is null", () -> saveNull.apply(x));
    }

    @Test
    void aNullCheckComesBeforeEveryOtherCheck() {
        // The shapes would not broadcast and the axis is out of range, yet the null is what is reported.
        assertNpe("backward: gradOutput is null; use backward() for a one-element output",
                () -> Tensor.ones(2, 3).backward(null));
        assertNpe("Tensor.of: data is null; pass an array of values", () -> Tensor.of(null, -1));
        assertNpe("indexSelect: indices is null", () -> Tensor.ones(2).indexSelect(5, (int[]) null));
        assertNpe("gather: index is null", () -> Tensor.ones(2).gather(5, (int[]) null));
    }

    private static void assertNpe(String message, Runnable call) {
        assertEquals(message, assertThrows(NullPointerException.class, call::run).getMessage());
    }
}
