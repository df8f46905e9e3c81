package io.jgrad.optim;

import java.util.Objects;

/**
 * Applies an {@link LrSchedule} to every parameter group of an optimizer: each group's learning
 * rate becomes {@code schedule.lr(initialLr, t)}, where {@code initialLr} is the rate the group was
 * built with and t counts the calls to {@link #step()}.
 *
 * <p>Per epoch: call {@code step()} once after each epoch's optimizer steps. Per step: call it
 * after each {@link Optimizer#step()}. The same schedule then counts epochs or steps.
 *
 * <pre>{@code
 * LrScheduler scheduler = new LrScheduler(opt, LrSchedule.step(30, 0.1));
 * for (int epoch = 0; epoch < 90; epoch++) {
 *     for (...) { opt.zeroGrad(); loss.backward(); opt.step(); }
 *     scheduler.step();
 * }
 * }</pre>
 * To resume, save {@link #stepCount()} beside the optimizer's state and pass it to
 * {@link #setStepCount(int)} after loading that state.
 */
public final class LrScheduler {
    private final Optimizer optimizer;
    private final LrSchedule schedule;
    private int t;

    /** Sets every group's learning rate to the schedule's value at step 0. */
    public LrScheduler(Optimizer optimizer, LrSchedule schedule) {
        this.optimizer = Objects.requireNonNull(optimizer, "LrScheduler: optimizer is null");
        this.schedule = Objects.requireNonNull(schedule, "LrScheduler: schedule is null");
        apply(0);
    }

    /** Advances the schedule by one step and sets every group's learning rate. */
    public void step() {
        apply(t + 1);
    }

    /** How many times {@link #step()} was called (PyTorch's last_epoch). */
    public int stepCount() {
        return t;
    }

    /** Jumps to step {@code t} (e.g. when resuming) and sets every group's learning rate. */
    public void setStepCount(int t) {
        if (t < 0) {
            throw new IllegalArgumentException("LrScheduler.setStepCount: t must be >= 0, got " + t);
        }
        apply(t);
    }

    /** Moves to step {@code next}, checking every group's new rate before setting any, so a bad schedule changes nothing. */
    private void apply(int next) {
        for (int g = 0; g < optimizer.groupCount(); g++) {
            double lr = schedule.lr(optimizer.initialLr(g), next);
            if (!(lr >= 0) || Double.isInfinite(lr)) {
                throw new IllegalStateException("LrScheduler: the schedule gave lr " + lr + " for parameter group " + g
                        + " at step " + next + "; a schedule must give finite learning rates >= 0");
            }
        }
        for (int g = 0; g < optimizer.groupCount(); g++) {
            optimizer.setLr(g, schedule.lr(optimizer.initialLr(g), next));
        }
        t = next;
    }
}
