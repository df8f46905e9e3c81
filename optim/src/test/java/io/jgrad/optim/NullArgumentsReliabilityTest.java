package io.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.NullArguments;
import io.jgrad.core.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The null convention on optim's public surface (see core's NullArguments): a null argument is a
 * NullPointerException naming the method and the parameter, thrown before anything else.
 */
final class NullArgumentsReliabilityTest {

    private static List<Tensor> params() {
        return List.of(Tensor.zeros(2).requiresGrad(true));
    }

    @Test
    void everyPublicMemberOfOptimRejectsNullNamingTheParameter() {
        NullArguments check = new NullArguments()
                .sample(Optimizer.class, () -> SGD.builder(params()).build())
                .sample(SGD.Builder.class, () -> SGD.builder(params()))
                .sample(Momentum.Builder.class, () -> Momentum.builder(params()))
                .sample(Adam.Builder.class, () -> Adam.builder(params()))
                .sample(AdamW.Builder.class, () -> AdamW.builder(params()))
                .sample(RMSprop.Builder.class, () -> RMSprop.builder(params()))
                .sample(Adagrad.Builder.class, () -> Adagrad.builder(params()))
                .sample(OptimizerState.class, () -> SGD.builder(params()).build().stateDict())
                .sample(ParamGroup.class, () -> ParamGroup.of(params()))
                .sample(OptionalDouble.class, OptionalDouble::empty)
                .sample(LrSchedule.class, () -> LrSchedule.step(1, 0.5))
                .sample(LrSchedule[].class, () -> new LrSchedule[] {LrSchedule.step(1, 0.5)})
                .sample(LrScheduler.class, () -> new LrScheduler(SGD.builder(params()).build(), LrSchedule.step(1, 0.5)))
                .sample(byte[].class, () -> new byte[0]);
        List<String> violations = check.violations(Optimizer.class, Optimizer.Builder.class, SGD.class,
                SGD.Builder.class, Momentum.class, Momentum.Builder.class, Adam.class, Adam.Builder.class,
                AdamW.class, AdamW.Builder.class, RMSprop.class, RMSprop.Builder.class, Adagrad.class,
                Adagrad.Builder.class, ParamGroup.class, OptimizerState.class, OptimizerState.Group.class,
                OptimizerState.Param.class, OptimizerCheckpoint.class, GradClip.class, LrSchedule.class,
                LrScheduler.class);
        assertEquals(List.of(), violations, () -> String.join("\n", violations));
        assertTrue(check.calls() >= 30, "only " + check.calls() + " null calls were made");
    }

    @Test
    void nullElementsAreNamedByPosition() {
        Tensor w = Tensor.zeros(2).requiresGrad(true);
        assertNpe("Adam.builder: params is null; pass the list of tensors to optimize", () -> Adam.builder(null));
        assertNpe("ParamGroup.of: params[1] is null", () -> ParamGroup.of(Arrays.asList(w, null)));
        assertNpe("GradClip.clipGradNorm: params[0] is null", () -> GradClip.clipGradNorm(Arrays.asList((Tensor) null), 1));
        assertNpe("LrSchedule.chain: schedules[1] is null",
                () -> LrSchedule.chain(LrSchedule.exponential(0.5), null));
        assertNpe("OptimizerState: groups[0] is null", () -> new OptimizerState("SGD", java.util.Map.of(),
                Arrays.asList((OptimizerState.Group) null), List.of()));
    }

    private static void assertNpe(String message, Executable call) {
        assertEquals(message, assertThrows(NullPointerException.class, call).getMessage());
    }
}
