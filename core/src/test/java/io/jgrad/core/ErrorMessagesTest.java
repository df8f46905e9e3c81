package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input: every message names the op, the offending shapes or values, and what would fix it. */
final class ErrorMessagesTest {

    private static void assertMessage(Class<? extends Throwable> type, String expected, Executable call) {
        assertEquals(expected, assertThrows(type, call).getMessage());
    }

    static Stream<Arguments> binaryOps() {
        return Stream.of(
                Arguments.of("add", (BiFunction<Tensor, Tensor, Tensor>) Tensor::add),
                Arguments.of("sub", (BiFunction<Tensor, Tensor, Tensor>) Tensor::sub),
                Arguments.of("mul", (BiFunction<Tensor, Tensor, Tensor>) Tensor::mul),
                Arguments.of("div", (BiFunction<Tensor, Tensor, Tensor>) Tensor::div),
                Arguments.of("maximum", (BiFunction<Tensor, Tensor, Tensor>) Tensor::maximum));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryOps")
    void binaryOpsNameBothShapesWhenTheyDoNotBroadcast(String op, BiFunction<Tensor, Tensor, Tensor> f) {
        assertMessage(IllegalArgumentException.class, op + ": shapes [2, 3] and [4] cannot be broadcast together"
                        + " (dimension -1: 3 vs 4); trailing dimensions must be equal or 1 — reshape one operand to fix it",
                () -> f.apply(Tensor.zeros(2, 3), Tensor.ones(4)));
        assertMessage(IllegalArgumentException.class, op + ": shapes [2, 3, 4] and [5, 4] cannot be broadcast"
                        + " together (dimension -2: 3 vs 5); trailing dimensions must be equal or 1 — reshape one"
                        + " operand to fix it",
                () -> f.apply(Tensor.zeros(2, 3, 4).requiresGrad(true), Tensor.ones(5, 4)));
    }

    @Test
    void matmulNamesBothShapesAndTheMismatchedDimensions() {
        assertMessage(IllegalArgumentException.class, "matmul: shapes [2, 3] and [4, 5] cannot be multiplied (3 != 4)",
                () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)));
        assertMessage(IllegalArgumentException.class, "matmul: shapes [3] and [4] cannot be multiplied (3 != 4)",
                () -> Tensor.zeros(3).matmul(Tensor.zeros(4)));
        assertMessage(IllegalArgumentException.class, "matmul: shapes [2, 3] and [2] cannot be multiplied (3 != 2)",
                () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(2)));
        assertMessage(IllegalArgumentException.class, "matmul: shapes [2] and [3, 4] cannot be multiplied (2 != 3)",
                () -> Tensor.zeros(2).matmul(Tensor.zeros(3, 4)));
        assertMessage(IllegalArgumentException.class,
                "matmul: shapes [5, 2, 3] and [4, 2] cannot be multiplied (3 != 4)",
                () -> Tensor.zeros(5, 2, 3).matmul(Tensor.zeros(4, 2)));
        assertMessage(IllegalArgumentException.class,
                "matmul: shapes [2, 3, 4] and [3, 4, 5] cannot be multiplied: batch dimensions [2] and [3] do not"
                        + " broadcast (each must be equal or 1, aligned from the right)",
                () -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5)));
        assertMessage(IllegalArgumentException.class, "matmul: both operands need at least one dimension, got shapes"
                + " [] and [3]; use mul for scalars", () -> Tensor.scalar(2).matmul(Tensor.zeros(3)));
    }

    static Stream<Arguments> axisOps() {
        return Stream.of(
                Arguments.of("sum", (Function<Tensor, Object>) t -> t.sum(2, false)),
                Arguments.of("mean", (Function<Tensor, Object>) t -> t.mean(2, true)),
                Arguments.of("max", (Function<Tensor, Object>) t -> t.max(2, false)),
                Arguments.of("softmax", (Function<Tensor, Object>) t -> t.softmax(2)),
                Arguments.of("logSoftmax", (Function<Tensor, Object>) t -> t.logSoftmax(2)),
                Arguments.of("logSumExp", (Function<Tensor, Object>) t -> t.logSumExp(2, true)),
                Arguments.of("transpose", (Function<Tensor, Object>) t -> t.transpose(0, 2)),
                Arguments.of("argmax", (Function<Tensor, Object>) t -> t.argmax(2)),
                Arguments.of("indexSelect", (Function<Tensor, Object>) t -> t.indexSelect(2, 0)),
                Arguments.of("gather", (Function<Tensor, Object>) t -> t.gather(2, 0, 0, 0, 0, 0, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("axisOps")
    void axesOutOfRangeNameTheOpTheAxisAndTheValidRange(String op, Function<Tensor, Object> f) {
        Tensor x = Tensor.zeros(2, 3).requiresGrad(true);
        assertMessage(IllegalArgumentException.class,
                op + ": axis 2 is out of range for shape [2, 3] (valid axes are -2 to 1)", () -> f.apply(x));
    }

    @Test
    void negativeAxesOutOfRangeAndScalarsAreExplainedToo() {
        assertMessage(IllegalArgumentException.class,
                "sum: axis -3 is out of range for shape [2, 3] (valid axes are -2 to 1)",
                () -> Tensor.zeros(2, 3).sum(-3, false));
        assertMessage(IllegalArgumentException.class, "softmax: axis 0 is out of range for shape [] (a scalar has no axes)",
                () -> Tensor.scalar(1).softmax(0));
    }

    @Test
    void reshapeToAnotherNumberOfElements() {
        Tensor x = Tensor.zeros(2, 3);
        assertMessage(IllegalArgumentException.class, "reshape: cannot reshape a tensor of shape [2, 3] (6 elements)"
                + " to [4, 2]; the new shape must hold the same number of elements", () -> x.reshape(4, 2));
        assertMessage(IllegalArgumentException.class, "reshape: cannot reshape a tensor of shape [2, 3] (6 elements)"
                + " to [4, -1]; the new shape must hold the same number of elements", () -> x.reshape(4, -1));
        assertMessage(IllegalArgumentException.class, "reshape: invalid shape [-1, -1] for a tensor of shape [2, 3];"
                + " dimensions must be >= 0, with at most one -1", () -> x.reshape(-1, -1));
    }

    @Test
    void constructionWithTheWrongNumberOfValues() {
        assertMessage(IllegalArgumentException.class, "Tensor.of: 5 values do not fill shape [2, 3] (which holds 6);"
                + " pass exactly 6 values or another shape", () -> Tensor.of(new double[5], 2, 3));
        assertMessage(IllegalArgumentException.class, "Tensor.of: row 1 has 1 values but row 0 has 2; all rows must"
                + " have the same length", () -> Tensor.of(new double[][] {{1, 2}, {3}}));
        assertMessage(IllegalArgumentException.class, "Shape.of: dimensions [2, -1] include a negative one; every"
                + " dimension must be >= 0", () -> Tensor.zeros(2, -1));
    }

    @Test
    void backwardWithoutAGradientNeedsAOneElementOutput() {
        Tensor y = Tensor.ones(2).requiresGrad(true).mul(2.0);
        assertMessage(IllegalStateException.class, "backward: the output has shape [2]; backward() without a"
                + " gradient needs a one-element output — reduce it (sum(), mean()) or call backward(gradOutput)"
                + " with a gradient of shape [2]", y::backward);
        assertMessage(IllegalArgumentException.class, "grad: the output has shape [2]; without a gradOutput it must"
                        + " have one element — reduce it, or pass a gradOutput of shape [2]",
                () -> Autograd.grad(y, List.of(y), false));
    }

    @Test
    void backwardOnATensorThatDoesNotRequireGrad() {
        assertMessage(IllegalStateException.class, "backward: the output (shape []) does not require grad: none of"
                + " its inputs had requiresGrad(true), or it was computed inside Autograd.noGrad()",
                () -> Tensor.scalar(1).mul(2.0).backward());
        Tensor w = Tensor.ones(2).requiresGrad(true);
        Tensor c = Tensor.ones(2);
        assertMessage(IllegalArgumentException.class, "grad: input 1 (shape [2]) does not require grad; call"
                + " requiresGrad(true) on it before the forward pass", () -> Autograd.grad(w.sum(), List.of(w, c), false));
    }

    @Test
    void gradOutputMustHaveTheOutputsShape() {
        Tensor y = Tensor.ones(2).requiresGrad(true).exp();
        assertMessage(IllegalArgumentException.class, "backward: gradOutput has shape [3] but the output has shape"
                + " [2]; they must be the same", () -> y.backward(Tensor.ones(3)));
        assertMessage(IllegalArgumentException.class, "grad: gradOutput has shape [2, 1] but the output has shape"
                + " [2]; they must be the same", () -> Autograd.grad(y, List.of(y), Tensor.ones(2, 1), false));
    }

    @Test
    void indicesOutOfRange() {
        Tensor x = Tensor.zeros(3, 2);
        assertMessage(IndexOutOfBoundsException.class, "indexSelect: index 3 at position 1 is out of range for axis 0"
                + " of shape [3, 2] (valid: 0 to 2)", () -> x.indexSelect(0, 0, 3));
        assertMessage(IndexOutOfBoundsException.class, "indexSelect: index -1 at position 0 is out of range for axis 1"
                + " of shape [3, 2] (valid: 0 to 1)", () -> x.indexSelect(1, -1));
        assertMessage(IndexOutOfBoundsException.class, "gather: index 2 at position 2 is out of range for axis 1"
                + " of shape [3, 2] (valid: 0 to 1)", () -> x.gather(1, 0, 1, 2));
        assertMessage(IllegalArgumentException.class, "gather: shape [3, 2] along axis 1 needs 3 indices (one per"
                + " position of [3]), got 2", () -> x.gather(1, 0, 1));
        assertMessage(IllegalArgumentException.class, "get: 1 indices for a tensor of shape [3, 2]; give one index"
                + " per dimension", () -> x.get(0));
    }

    @Test
    void otherMisuse() {
        assertMessage(IllegalStateException.class, "item: tensor of shape [3, 2] has 6 elements; item() needs exactly"
                + " one (reduce it first, e.g. sum() or mean())", () -> Tensor.zeros(3, 2).item());
        assertMessage(IllegalArgumentException.class, "clamp: need lo <= hi, got lo = 1.0, hi = -1.0; use"
                + " Double.NEGATIVE_INFINITY or POSITIVE_INFINITY for a one-sided clamp",
                () -> Tensor.zeros(2).clamp(1, -1));
        assertMessage(IllegalArgumentException.class, "expand: shape [2, 3] cannot be broadcast to [4, 3]; each"
                + " dimension must match or be 1, aligned from the right", () -> Tensor.zeros(2, 3).expand(4, 3));
        assertMessage(IllegalArgumentException.class, "transpose: needs at least 2 dimensions, got shape [3]; use"
                + " transpose(d0, d1) or reshape to make a row or column first", () -> Tensor.zeros(3).transpose());
        assertMessage(IllegalArgumentException.class, "mean: tensor of shape [0] is empty; the result is undefined",
                () -> Tensor.zeros(0).mean());
    }
}
