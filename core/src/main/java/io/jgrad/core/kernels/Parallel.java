package io.jgrad.core.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits a loop over {@code [0, n)} into contiguous ranges run on the common {@link ForkJoinPool}
 * and the calling thread. One range per core is enough for the kernels here: the work of each
 * range is uniform, so finer splitting only adds fork and join cost.
 */
public final class Parallel {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private Parallel() {
    }

    /** The body of a split loop: handles the indices {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** How many ranges a loop is split into at most: the number of cores. */
    public static int cores() {
        return CORES;
    }

    /**
     * Runs {@code body} over {@code [0, n)} in at most {@code parts} contiguous ranges whose inner
     * boundaries are multiples of {@code align} (so vector loops and register tiles stay whole).
     * Range 0 runs on the calling thread; the call returns when every range is done, rethrowing
     * the first failure.
     */
    public static void forRange(int n, int parts, int align, Range body) {
        int chunks = (n + align - 1) / align;
        int p = Math.max(1, Math.min(parts, chunks));
        if (p == 1) {
            body.run(0, n);
            return;
        }
        List<ForkJoinTask<Void>> forked = new ArrayList<>(p - 1);
        for (int t = 1; t < p; t++) {
            int from = boundary(t, p, chunks, align, n), to = boundary(t + 1, p, chunks, align, n);
            ForkJoinTask<Void> task = ForkJoinTask.adapt(() -> body.run(from, to), null);
            task.fork();
            forked.add(task);
        }
        body.run(0, boundary(1, p, chunks, align, n));
        for (ForkJoinTask<Void> task : forked) {
            task.join();
        }
    }

    private static int boundary(int t, int parts, int chunks, int align, int n) {
        return (int) Math.min(n, (long) chunks * t / parts * align);
    }
}
