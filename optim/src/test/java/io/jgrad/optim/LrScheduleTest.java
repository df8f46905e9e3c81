package io.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.core.Oracle;
import io.jgrad.core.Tensor;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Learning-rate schedules: values at chosen steps worked out by hand from PyTorch's formulas, the
 * closed forms against PyTorch's recursive ("chainable") forms step by step, and the scheduler
 * driving an optimizer per step or per epoch.
 */
class LrScheduleTest {
    static final double BASE = 0.1;

    private static void assertLr(double expected, LrSchedule s, int t) {
        Oracle.assertClose("lr at step " + t, Tensor.scalar(expected), Tensor.scalar(s.lr(BASE, t)));
    }

    @Test
    void stepDecaysEveryStepSizeSteps() {
        LrSchedule s = LrSchedule.step(3, 0.5);
        double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025};
        for (int t = 0; t < expected.length; t++) {
            assertLr(expected[t], s, t);
        }
    }

    @Test
    void exponentialDecaysEveryStep() {
        LrSchedule s = LrSchedule.exponential(0.9);
        assertLr(0.1, s, 0);
        assertLr(0.09, s, 1);
        assertLr(0.0729, s, 3);
    }

    @Test
    void cosineAnnealsToEtaMinAndFollowsTheCosineAfter() {
        LrSchedule s = LrSchedule.cosine(10, 0.001);
        assertLr(0.1, s, 0);
        assertLr(0.001 + 0.099 * (1 + Math.cos(Math.PI / 10)) / 2, s, 1);
        assertLr(0.0505, s, 5);
        assertLr(0.001, s, 10);
        assertLr(0.0505, s, 15);
        assertLr(0.1, s, 20);
    }

    @Test
    void linearWarmsUpThenStays() {
        LrSchedule s = LrSchedule.linear(0.1, 1.0, 4);
        double[] expected = {0.01, 0.0325, 0.055, 0.0775, 0.1, 0.1, 0.1};
        for (int t = 0; t < expected.length; t++) {
            assertLr(expected[t], s, t);
        }
    }

    @Test
    void sequentialStartsEachScheduleAtItsMilestone() {
        LrSchedule s = LrSchedule.sequential(List.of(LrSchedule.linear(0.1, 1.0, 4), LrSchedule.cosine(10, 0),
                LrSchedule.exponential(0.5)), 4, 14);
        assertLr(0.01, s, 0);
        assertLr(0.0775, s, 3);
        assertLr(0.1, s, 4);
        assertLr(0.05, s, 9);
        assertLr(0.1 * (1 + Math.cos(Math.PI * 9 / 10)) / 2, s, 13);
        assertLr(0.1, s, 14);
        assertLr(0.025, s, 16);
    }

    @Test
    void chainMultipliesTheFactors() {
        LrSchedule s = LrSchedule.chain(LrSchedule.linear(0.5, 1.0, 2), LrSchedule.exponential(0.9));
        assertLr(0.05, s, 0);
        assertLr(0.1 * 0.75 * 0.9, s, 1);
        assertLr(0.1 * 0.729, s, 3);
    }

    /**
     * PyTorch computes each schedule recursively from the previous learning rate (its
     * {@code get_lr}); the closed forms here must give the same values at every step.
     */
    @Test
    void closedFormsMatchPyTorchsRecursiveForms() {
        int tMax = 7;
        double etaMin = 0.002;
        assertRecursionMatches(LrSchedule.step(3, 0.3), (lr, t) -> t % 3 == 0 ? lr * 0.3 : lr, 0.1);
        assertRecursionMatches(LrSchedule.exponential(0.95), (lr, t) -> lr * 0.95, 0.1);
        assertRecursionMatches(LrSchedule.cosine(tMax, etaMin), (lr, tt) -> {
            int t = (int) tt;
            if ((t - 1 - tMax) % (2 * tMax) == 0) {
                return lr + (0.1 - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
            }
            return (1 + Math.cos(Math.PI * t / tMax)) / (1 + Math.cos(Math.PI * (t - 1) / tMax)) * (lr - etaMin) + etaMin;
        }, 0.1);
        double start = 0.25;
        double end = 0.9;
        int total = 6;
        assertRecursionMatches(LrSchedule.linear(start, end, total), (lr, t) -> t > total ? lr
                : lr * (1 + (end - start) / (total * start + (t - 1) * (end - start))), 0.1 * start);
    }

    /** {@code next(lr, t)} is PyTorch's update from step t − 1 to t; {@code first} its value at t = 0. */
    private static void assertRecursionMatches(LrSchedule s, DoubleBinaryOperator next, double first) {
        double lr = first;
        for (int t = 0; t <= 40; t++) {
            if (t > 0) {
                lr = next.applyAsDouble(lr, t);
            }
            assertLr(lr, s, t);
        }
    }

    @Test
    void aSchedulerSteppedPerOptimizerStepChangesTheRateEachStep() {
        Tensor w = Tensor.of(new double[] {1.0}).requiresGrad(true);
        SGD opt = SGD.builder(List.of(w)).lr(0.1).build();
        LrScheduler scheduler = new LrScheduler(opt, LrSchedule.step(2, 0.5));
        w.mul(2.0).sum().backward();
        double expected = 1.0;
        for (int t = 0; t < 6; t++) {
            expected -= LrSchedule.step(2, 0.5).lr(0.1, t) * 2.0;
            opt.step();
            scheduler.step();
        }
        assertEquals(6, scheduler.stepCount());
        assertEquals(0.0125, opt.lr(0));
        Oracle.assertClose("w", Tensor.of(new double[] {expected}), w);
    }

    @Test
    void aSchedulerSteppedPerEpochKeepsTheRateWithinAnEpoch() {
        Tensor w = Tensor.of(new double[] {1.0}).requiresGrad(true);
        SGD opt = SGD.builder(List.of(w)).lr(0.1).build();
        LrScheduler scheduler = new LrScheduler(opt, LrSchedule.exponential(0.5));
        w.mul(2.0).sum().backward();
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int batch = 0; batch < 4; batch++) {
                opt.step();
            }
            scheduler.step();
        }
        // Four steps at each of 0.1, 0.05, 0.025, each moving w by lr·2.
        Oracle.assertClose("w", Tensor.of(new double[] {1.0 - 4 * 2 * (0.1 + 0.05 + 0.025)}), w);
    }

    @Test
    void eachGroupScalesItsOwnInitialRate() {
        Tensor a = Tensor.of(new double[] {1.0}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {1.0}).requiresGrad(true);
        Adam opt = Adam.builder(List.of(a)).lr(0.1).addGroup(ParamGroup.of(List.of(b)).lr(0.01)).build();
        LrScheduler scheduler = new LrScheduler(opt, LrSchedule.linear(0.5, 1.0, 2));
        assertEquals(0.05, opt.lr(0));
        assertEquals(0.005, opt.lr(1));
        scheduler.setStepCount(2);
        assertEquals(0.1, opt.lr(0));
        assertEquals(0.01, opt.lr(1));
        assertEquals(0.1, opt.initialLr(0));
    }

    @Test
    void aScheduleGivingANegativeRateIsRefusedAndChangesNothing() {
        Tensor w = Tensor.of(new double[] {1.0}).requiresGrad(true);
        SGD opt = SGD.builder(List.of(w)).lr(0.1).build();
        LrScheduler scheduler = new LrScheduler(opt, (base, t) -> 0.5 - 0.25 * t);
        scheduler.step();
        scheduler.step();
        IllegalStateException e = assertThrows(IllegalStateException.class, scheduler::step);
        assertEquals("LrScheduler: the schedule gave lr -0.25 for parameter group 0 at step 3;"
                + " a schedule must give finite learning rates >= 0", e.getMessage());
        assertEquals(0.0, opt.lr(0));
        assertEquals(2, scheduler.stepCount());
    }

    @Test
    void invalidArgumentsAreNamed() {
        assertMessage("LrSchedule.step: stepSize must be > 0, got 0", () -> LrSchedule.step(0, 0.1));
        assertMessage("LrSchedule.step: gamma must be > 0, got -0.1", () -> LrSchedule.step(2, -0.1));
        assertMessage("LrSchedule.exponential: gamma must be > 0, got 0.0", () -> LrSchedule.exponential(0));
        assertMessage("LrSchedule.cosine: tMax must be > 0, got -5", () -> LrSchedule.cosine(-5, 0));
        assertMessage("LrSchedule.cosine: etaMin must be >= 0, got -1.0", () -> LrSchedule.cosine(5, -1));
        assertMessage("LrSchedule.linear: startFactor must be in (0, 1], got 0.0", () -> LrSchedule.linear(0, 1, 5));
        assertMessage("LrSchedule.linear: endFactor must be in [0, 1], got 1.5", () -> LrSchedule.linear(0.1, 1.5, 5));
        assertMessage("LrSchedule.linear: totalIters must be > 0, got 0", () -> LrSchedule.linear(0.1, 1, 0));
        assertMessage("LrSchedule.sequential: 2 schedules need 1 milestones, got 0; give the step at which each"
                + " schedule after the first starts", () -> LrSchedule.sequential(
                        List.of(LrSchedule.exponential(0.9), LrSchedule.exponential(0.5))));
        assertMessage("LrSchedule.sequential: milestones must be positive and increasing, got [5, 5]",
                () -> LrSchedule.sequential(List.of(LrSchedule.exponential(0.9), LrSchedule.exponential(0.5),
                        LrSchedule.exponential(0.1)), 5, 5));
        assertMessage("LrSchedule.chain: give at least one schedule", LrSchedule::chain);
        assertMessage("LrScheduler.setStepCount: t must be >= 0, got -1", () -> new LrScheduler(
                SGD.builder(List.of(Tensor.scalar(1).requiresGrad(true))).build(), LrSchedule.exponential(0.9))
                .setStepCount(-1));
    }

    private static void assertMessage(String message, Runnable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call::run).getMessage());
    }
}
