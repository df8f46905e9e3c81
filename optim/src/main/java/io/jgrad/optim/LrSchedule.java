package io.jgrad.optim;

import io.jgrad.core.NullChecks;
import java.util.Arrays;
import java.util.List;

/**
 * A learning-rate schedule: the learning rate of a parameter group as a function of the group's
 * initial learning rate and of how many times the schedule was stepped. An {@link LrScheduler}
 * applies it to an optimizer; whether a step is an epoch or an optimizer step is the caller's
 * choice (call {@link LrScheduler#step()} after each epoch, or after each {@link Optimizer#step()}).
 *
 * <p>The factories follow PyTorch's {@code torch.optim.lr_scheduler} classes, in closed form:
 * <pre>{@code
 * // linear warm-up over 5 steps from lr/10, then cosine annealing to 0 over the next 95
 * LrSchedule s = LrSchedule.sequential(List.of(LrSchedule.linear(0.1, 1.0, 5), LrSchedule.cosine(95, 0)), 5);
 * }</pre>
 */
@FunctionalInterface
public interface LrSchedule {
    /**
     * The learning rate after {@code t} schedule steps (t = 0 before the first) for a group whose
     * initial learning rate is {@code baseLr}.
     */
    double lr(double baseLr, int t);

    /**
     * Multiplies the learning rate by {@code gamma} every {@code stepSize} steps:
     * {@code base·gamma^⌊t/stepSize⌋} (PyTorch's StepLR).
     */
    static LrSchedule step(int stepSize, double gamma) {
        Check.positive("LrSchedule.step", "stepSize", stepSize);
        Check.positive("LrSchedule.step", "gamma", gamma);
        return (base, t) -> base * Math.pow(gamma, t / stepSize);
    }

    /** Multiplies the learning rate by {@code gamma} every step: {@code base·gammaᵗ} (PyTorch's ExponentialLR). */
    static LrSchedule exponential(double gamma) {
        Check.positive("LrSchedule.exponential", "gamma", gamma);
        return (base, t) -> base * Math.pow(gamma, t);
    }

    /**
     * Cosine annealing from the base learning rate down to {@code etaMin} over {@code tMax} steps:
     * {@code etaMin + (base − etaMin)·(1 + cos(π·t/tMax))/2} (PyTorch's CosineAnnealingLR, whose
     * closed form keeps following the cosine, back up, after tMax).
     *
     * <p>Loshchilov, Hutter, <i>SGDR: Stochastic Gradient Descent with Warm Restarts</i>, ICLR
     * 2017 (arXiv:1608.03983).
     */
    static LrSchedule cosine(int tMax, double etaMin) {
        Check.positive("LrSchedule.cosine", "tMax", tMax);
        Check.nonNegative("LrSchedule.cosine", "etaMin", etaMin);
        return (base, t) -> etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * t / tMax)) / 2;
    }

    /**
     * Scales the learning rate by a factor going linearly from {@code startFactor} to
     * {@code endFactor} over {@code totalIters} steps, then staying there:
     * {@code base·(start + (end − start)·min(t, totalIters)/totalIters)} (PyTorch's LinearLR). With
     * {@code startFactor < 1 = endFactor} it is a linear warm-up.
     *
     * <p>Warm-up: Goyal et al., <i>Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour</i>,
     * 2017 (arXiv:1706.02677).
     */
    static LrSchedule linear(double startFactor, double endFactor, int totalIters) {
        String owner = "LrSchedule.linear";
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException(owner + ": startFactor must be in (0, 1], got " + startFactor);
        }
        Check.fraction(owner, "endFactor", endFactor);
        Check.positive(owner, "totalIters", totalIters);
        return (base, t) -> base * (startFactor + (endFactor - startFactor) * Math.min(t, totalIters) / totalIters);
    }

    /**
     * One schedule after another: {@code schedules.get(k)} runs, from its own step 0, from step
     * {@code milestones[k − 1]} on (PyTorch's SequentialLR). There is one milestone fewer than
     * schedules, in increasing order.
     */
    static LrSchedule sequential(List<LrSchedule> schedules, int... milestones) {
        String owner = "LrSchedule.sequential";
        List<LrSchedule> list = List.copyOf(NullChecks.elements(schedules, owner, "schedules"));
        java.util.Objects.requireNonNull(milestones, owner + ": milestones is null");
        if (list.isEmpty() || milestones.length != list.size() - 1) {
            throw new IllegalArgumentException(owner + ": " + list.size() + " schedules need " + Math.max(0, list.size() - 1)
                    + " milestones, got " + milestones.length + "; give the step at which each schedule after the first starts");
        }
        for (int k = 0; k < milestones.length; k++) {
            if (milestones[k] <= 0 || (k > 0 && milestones[k] <= milestones[k - 1])) {
                throw new IllegalArgumentException(owner + ": milestones must be positive and increasing, got "
                        + Arrays.toString(milestones));
            }
        }
        int[] starts = milestones.clone();
        return (base, t) -> {
            int k = 0;
            while (k < starts.length && t >= starts[k]) {
                k++;
            }
            return list.get(k).lr(base, k == 0 ? t : t - starts[k - 1]);
        };
    }

    /**
     * All schedules at once, each applied to the learning rate the previous one gave (PyTorch's
     * ChainedScheduler): for multiplicative schedules (step, exponential, linear, cosine with
     * etaMin 0) the factors multiply, e.g. a warm-up chained with an exponential decay.
     */
    static LrSchedule chain(LrSchedule... schedules) {
        List<LrSchedule> list = List.copyOf(NullChecks.elements(
                schedules == null ? null : Arrays.asList(schedules), "LrSchedule.chain", "schedules"));
        if (list.isEmpty()) {
            throw new IllegalArgumentException("LrSchedule.chain: give at least one schedule");
        }
        return (base, t) -> {
            double lr = base;
            for (LrSchedule s : list) {
                lr = s.lr(lr, t);
            }
            return lr;
        };
    }
}
