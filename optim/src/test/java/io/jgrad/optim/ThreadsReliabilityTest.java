package io.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.jgrad.core.Concurrently;
import io.jgrad.core.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight threads each train their own network with their own optimizer (Adam, AdamW, SGD with
 * Nesterov momentum, RMSprop, in turn), gradient clipping and a cosine schedule, saving and
 * reloading the optimizer halfway through a checkpoint file of their own, all at the same time:
 * every loss and final parameter is bit-identical to the same trainings run one after another.
 */
final class ThreadsReliabilityTest {
    private static final int THREADS = 8;

    @TempDir
    Path dir;

    private static Optimizer optimizer(int kind, List<Tensor> params) {
        return switch (kind % 4) {
            case 0 -> Adam.builder(params).lr(0.01).build();
            case 1 -> AdamW.builder(params).lr(0.01).weightDecay(0.1).amsgrad(true).build();
            case 2 -> SGD.builder(params).lr(0.05).momentum(0.9).nesterov(true).build();
            default -> RMSprop.builder(params).lr(0.01).momentum(0.5).centered(true).build();
        };
    }

    /** Losses of every step, then the final parameters. */
    private static double[][] train(int kind, long seed, Path checkpoint) throws Exception {
        RandomGenerator rng = new MersenneTwister(seed);
        Tensor x = Tensor.randn(rng, 64, 64);
        Tensor target = Tensor.randn(rng, 64, 4);
        Tensor w1 = Tensor.randn(rng, 64, 64).mul(0.125).detach().requiresGrad(true);
        Tensor w2 = Tensor.randn(rng, 64, 4).mul(0.125).detach().requiresGrad(true);
        List<Tensor> params = List.of(w1, w2);
        Optimizer opt = optimizer(kind, params);
        LrScheduler schedule = new LrScheduler(opt, LrSchedule.cosine(20, 0.001));
        double[] losses = new double[20];
        for (int step = 0; step < losses.length; step++) {
            opt.zeroGrad();
            Tensor error = x.matmul(w1).tanh().matmul(w2).sub(target);
            Tensor loss = error.mul(error).mean();
            loss.backward();
            losses[step] = loss.item();
            GradClip.clipGradNorm(params, 1.0);
            opt.step();
            schedule.step();
            if (step == losses.length / 2) {
                OptimizerCheckpoint.save(opt.stateDict(), checkpoint);
                Optimizer resumed = optimizer(kind, params);
                resumed.loadStateDict(OptimizerCheckpoint.load(checkpoint));
                opt = resumed;
                schedule = new LrScheduler(opt, LrSchedule.cosine(20, 0.001));
                schedule.setStepCount(step + 1);
            }
        }
        return new double[][] {losses, w1.toArray(), w2.toArray()};
    }

    @Test
    void eightConcurrentTrainingsEqualTheSameTrainingsInSequenceBitForBit() throws Exception {
        List<Callable<double[][]>> concurrentJobs = new ArrayList<>();
        List<Callable<double[][]>> sequentialJobs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int kind = t;
            Path a = dir.resolve("concurrent-" + t + ".jgop");
            Path b = dir.resolve("sequential-" + t + ".jgop");
            concurrentJobs.add(() -> train(kind, 3000 + kind, a));
            sequentialJobs.add(() -> train(kind, 3000 + kind, b));
        }
        List<double[][]> concurrent = Concurrently.run(concurrentJobs);
        List<double[][]> sequential = Concurrently.sequentially(sequentialJobs);
        for (int t = 0; t < THREADS; t++) {
            for (int k = 0; k < sequential.get(t).length; k++) {
                assertArrayEquals(sequential.get(t)[k], concurrent.get(t)[k], 0.0, "thread " + t + ", array " + k);
            }
        }
    }
}
