package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Eight threads each train their own two-layer network (64×64 matmuls, large enough for the
 * kernels' multi-core path) at the same time, while a ninth thread keeps entering and leaving
 * noGrad: every loss and every parameter is bit-identical to the same eight trainings run one
 * after another, and no trainer ever sees recording switched off.
 */
final class ThreadsReliabilityTest {
    /** Training threads, quoted in docs/RELIABILITY.md. */
    static final int THREADS = 8;
    private static final int STEPS = 30;

    /** Losses of every step, then the final parameters, of one training run from {@code seed}. */
    private static double[][] train(long seed) {
        RandomGenerator rng = new MersenneTwister(seed);
        Tensor x = Tensor.randn(rng, 64, 64);
        Tensor target = Tensor.randn(rng, 64, 8);
        Tensor w1 = Tensor.randn(rng, 64, 64).mul(0.125).detach().requiresGrad(true);
        Tensor b1 = Tensor.zeros(64).requiresGrad(true);
        Tensor w2 = Tensor.randn(rng, 64, 8).mul(0.125).detach().requiresGrad(true);
        Tensor b2 = Tensor.zeros(8).requiresGrad(true);
        List<Tensor> params = List.of(w1, b1, w2, b2);
        double[] losses = new double[STEPS];
        for (int step = 0; step < STEPS; step++) {
            Tensor error = x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sub(target);
            Tensor loss = error.mul(error).mean();
            if (!loss.requiresGrad() || !Autograd.isGradEnabled()) {
                throw new IllegalStateException("recording was off in a training thread at step " + step);
            }
            loss.backward();
            losses[step] = loss.item();
            for (Tensor p : params) {
                double[] w = p.mutableData(), g = p.grad().data();
                for (int i = 0; i < w.length; i++) {
                    w[i] -= 0.1 * g[i];
                }
                p.zeroGrad();
            }
        }
        return new double[][] {losses, w1.toArray(), b1.toArray(), w2.toArray(), b2.toArray()};
    }

    @Test
    void eightConcurrentTrainingsEqualTheSameTrainingsInSequenceBitForBit() throws Exception {
        List<Callable<double[][]>> trainings = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seed = 1000 + t;
            trainings.add(() -> train(seed));
        }
        AtomicInteger finished = new AtomicInteger();
        List<Callable<double[][]>> jobs = new ArrayList<>();
        for (Callable<double[][]> training : trainings) {
            jobs.add(() -> {
                try {
                    return training.call();
                } finally {
                    finished.incrementAndGet();
                }
            });
        }
        jobs.add(() -> new double[][] {{toggleNoGradUntil(finished)}});
        List<double[][]> concurrent = Concurrently.run(jobs);
        List<double[][]> sequential = Concurrently.sequentially(trainings);
        for (int t = 0; t < THREADS; t++) {
            for (int k = 0; k < sequential.get(t).length; k++) {
                assertArrayEquals(sequential.get(t)[k], concurrent.get(t)[k], 0.0, "thread " + t + ", array " + k);
            }
        }
        assertTrue(concurrent.get(THREADS)[0][0] > 0, "the noGrad thread ran");
    }

    /** Enters and leaves noGrad until every trainer is done; returns how often. */
    private static double toggleNoGradUntil(AtomicInteger finished) {
        Tensor w = Tensor.ones(3).requiresGrad(true);
        long toggles = 0;
        while (finished.get() < THREADS) {
            try (var scope = Autograd.noGrad()) {
                if (w.mul(2.0).requiresGrad()) {
                    throw new IllegalStateException("noGrad did not hold in its own thread");
                }
            }
            toggles++;
        }
        return toggles;
    }
}
