/**
 * Optimizers that update parameter tensors in place — {@link io.jgrad.optim.SGD},
 * {@link io.jgrad.optim.Momentum}, {@link io.jgrad.optim.Adam}, {@link io.jgrad.optim.AdamW},
 * {@link io.jgrad.optim.RMSprop}, {@link io.jgrad.optim.Adagrad} — with PyTorch's update rules,
 * parameter groups, learning-rate schedules ({@link io.jgrad.optim.LrSchedule},
 * {@link io.jgrad.optim.LrScheduler}), gradient clipping ({@link io.jgrad.optim.GradClip}) and
 * resumable state ({@link io.jgrad.optim.OptimizerState}, {@link io.jgrad.optim.OptimizerCheckpoint}).
 *
 * <pre>{@code
 * Optimizer opt = Adam.builder(model.parameters()).lr(1e-3).build();
 * for (...) {
 *     opt.zeroGrad();
 *     Tensor loss = ...;
 *     loss.backward();
 *     GradClip.clipGradNorm(opt.parameters(), 1.0);
 *     opt.step();
 * }
 * }</pre>
 */
package io.jgrad.optim;
