package io.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.core.Tensor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid setting gives an IllegalArgumentException naming the rule, the argument, its range and the value. */
class ValidationTest {
    private static final Tensor W = Tensor.zeros(2).requiresGrad(true);
    private static final List<Tensor> P = List.of(W);

    private static Arguments row(String message, Executable call) {
        return Arguments.of(message, call);
    }

    static Stream<Arguments> invalid() {
        Tensor computed = W.mul(2.0);
        return Stream.of(
                row("Adam: lr must be > 0, got -1.0", () -> Adam.builder(P).lr(-1)),
                row("Adam: lr must be > 0, got 0.0", () -> Adam.builder(P).lr(0)),
                row("Adam: lr must be > 0, got NaN", () -> Adam.builder(P).lr(Double.NaN)),
                row("Adam: lr must be finite, got Infinity", () -> Adam.builder(P).lr(Double.POSITIVE_INFINITY)),
                row("Adam: beta1 must be in [0, 1), got 1.0", () -> Adam.builder(P).betas(1.0, 0.999)),
                row("Adam: beta2 must be in [0, 1), got -0.1", () -> Adam.builder(P).betas(0.9, -0.1)),
                row("Adam: eps must be > 0, got 0.0", () -> Adam.builder(P).eps(0)),
                row("Adam: weightDecay must be >= 0, got -0.1", () -> Adam.builder(P).weightDecay(-0.1)),
                row("AdamW: beta1 must be in [0, 1), got NaN", () -> AdamW.builder(P).betas(Double.NaN, 0.9)),
                row("AdamW: weightDecay must be >= 0, got -0.01", () -> AdamW.builder(P).weightDecay(-0.01)),
                row("SGD: lr must be > 0, got -0.1", () -> SGD.builder(P).lr(-0.1)),
                row("SGD: momentum must be >= 0, got -0.5", () -> SGD.builder(P).momentum(-0.5)),
                row("SGD: dampening must be in [0, 1], got 1.5", () -> SGD.builder(P).dampening(1.5)),
                row("SGD: nesterov requires momentum > 0 and dampening = 0, got momentum 0.0 and dampening 0.0",
                        () -> SGD.builder(P).nesterov(true).build()),
                row("SGD: nesterov requires momentum > 0 and dampening = 0, got momentum 0.9 and dampening 0.1",
                        () -> SGD.builder(P).momentum(0.9).dampening(0.1).nesterov(true).build()),
                row("Momentum: beta must be in [0, 1), got 1.0", () -> Momentum.builder(P).beta(1.0)),
                row("RMSprop: alpha must be in [0, 1), got 1.0", () -> RMSprop.builder(P).alpha(1.0)),
                row("RMSprop: eps must be > 0, got -1.0E-8", () -> RMSprop.builder(P).eps(-1e-8)),
                row("RMSprop: momentum must be >= 0, got -0.9", () -> RMSprop.builder(P).momentum(-0.9)),
                row("Adagrad: lrDecay must be >= 0, got -1.0", () -> Adagrad.builder(P).lrDecay(-1)),
                row("Adagrad: initialAccumulatorValue must be >= 0, got -0.1",
                        () -> Adagrad.builder(P).initialAccumulatorValue(-0.1)),
                row("Adagrad: eps must be > 0, got 0.0", () -> Adagrad.builder(P).eps(0)),
                row("Adam: no parameters to optimize; pass at least one tensor", () -> Adam.builder(List.of()).build()),
                row("Adam: parameter 0 of group 0 (shape [2]) is not a leaf tensor but the result of mul;"
                        + " optimize the leaf tensors it was computed from", () -> Adam.builder(List.of(computed)).build()),
                row("Adam: the same tensor is parameter 0 of group 0 and parameter 0 of group 1;"
                        + " put each parameter in one group only",
                        () -> Adam.builder(P).addGroup(ParamGroup.of(P)).build()),
                row("Adam: lr of parameter group 1 must be > 0, got -1.0",
                        () -> Adam.builder(P).addGroup(ParamGroup.of(List.of(Tensor.zeros(1))).lr(-1)).build()),
                row("SGD: weightDecay of parameter group 1 must be >= 0, got -1.0",
                        () -> SGD.builder(P).addGroup(ParamGroup.of(List.of(Tensor.zeros(1))).weightDecay(-1)).build()),
                row("Adam.setLr: lr of parameter group 0 must be >= 0, got -1.0", () -> Adam.builder(P).build().setLr(-1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidSettingIsNamed(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
