package io.jgrad.core.kernels;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits a loop over {@code [0, n)} into contiguous ranges, one per core: range 0 on the calling
 * thread, the others on a team of daemon worker threads. {@code -Djgrad.threads=N} caps the
 * number of ranges (and so of threads) at N.
 *
 * <p>Why not the common {@code ForkJoinPool}: a parked pool worker took 20–100 µs to wake on this
 * kind of machine, as long as half of a mid-sized product (mnist's [128, 128]·[128, 256] takes
 * about 150 µs per core). Like OpenMP's active wait policy, the team's workers spin for a short
 * while after each range before they park, so the products of one training step, which follow
 * each other within microseconds, find them awake; and a caller that finishes its own range before
 * a parked worker has woken runs that worker's range too. Only one caller uses the team at a time; any
 * other caller (another thread, or a range that itself splits) runs its loop whole on its own
 * thread, so nothing can deadlock.
 */
public final class Parallel {
    private static final int CORES = threads(System.getProperty("jgrad.threads"),
            Runtime.getRuntime().availableProcessors());
    /** How long an idle worker, and a caller waiting for the team, spin before they park. */
    private static final long SPIN_NANOS = 200_000;
    /** Held by the caller currently using the team. */
    private static final AtomicBoolean TEAM_BUSY = new AtomicBoolean();

    private Parallel() {
    }

    /** The body of a split loop: handles the indices {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /**
     * How many ranges a loop is split into at most: the number of cores, or the system property
     * {@code jgrad.threads} when it is set (1 runs everything on the calling thread).
     */
    public static int cores() {
        return CORES;
    }

    /**
     * Element-wise passes over arrays of this many elements or more are split over the cores
     * ({@link #forElements}). Such a pass does a few operations per element over arrays that no
     * longer fit in the core's cache, and two cores read and write memory about 1.6 times as fast
     * as one.
     */
    public static final int ELEMENTWISE_MIN = 1 << 16;

    /**
     * Runs an element-wise pass over {@code [0, n)}: on all cores from {@link #ELEMENTWISE_MIN}
     * elements, else on the calling thread. The ranges depend on n only, so successive passes over
     * one array (an optimizer's update, then {@code zeroGrad}) each find their range on the core
     * that touched it last, in its cache.
     */
    public static void forElements(int n, Range body) {
        if (n >= ELEMENTWISE_MIN) {
            forRange(n, CORES, 8, body);
        } else {
            body.run(0, n);
        }
    }

    /**
     * Sets every element of {@code a} to zero, in {@link #forElements}'s ranges (so each core zeroes
     * what the last split pass over {@code a} left in its cache). A small array is filled here
     * directly: a split's range object would be one allocation per call for nothing.
     */
    public static void zero(double[] a) {
        if (a.length < ELEMENTWISE_MIN) {
            Arrays.fill(a, 0.0);
        } else {
            forElements(a.length, (from, to) -> Arrays.fill(a, from, to, 0.0));
        }
    }

    /** The thread count for a {@code jgrad.threads} setting ({@code null} when unset). */
    static int threads(String setting, int available) {
        if (setting == null) {
            return available;
        }
        try {
            int n = Integer.parseInt(setting.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("jgrad.threads must be a whole number from 1 up, got '" + setting
                + "'; leave it unset to use every core (" + available + " here)");
    }

    /**
     * Runs {@code body} over {@code [0, n)} in at most {@code parts} contiguous ranges whose inner
     * boundaries are multiples of {@code align} (so vector loops and register tiles stay whole).
     * Range 0 runs on the calling thread; the call returns when every range is done, rethrowing
     * the first failure.
     */
    public static void forRange(int n, int parts, int align, Range body) {
        int chunks = (n + align - 1) / align;
        int p = Math.max(1, Math.min(Math.min(parts, CORES), chunks));
        if (p == 1 || !TEAM_BUSY.compareAndSet(false, true)) {
            body.run(0, n);
            return;
        }
        try {
            Worker[] team = Team.WORKERS;
            for (int t = 1; t < p; t++) {
                team[t - 1].post(body, boundary(t, p, chunks, align, n), boundary(t + 1, p, chunks, align, n));
            }
            Throwable failure = null;
            try {
                body.run(0, boundary(1, p, chunks, align, n));
            } catch (Throwable e) {
                failure = e;
            }
            for (int t = 1; t < p; t++) {
                Throwable f = team[t - 1].await();
                if (failure == null) {
                    failure = f;
                }
            }
            if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            } else if (failure instanceof Error) {
                throw (Error) failure;
            } else if (failure != null) {
                throw new IllegalStateException("a parallel range failed", failure);
            }
        } finally {
            TEAM_BUSY.set(false);
        }
    }

    /** Start of range {@code t} of {@code parts} over {@code chunks} chunks of {@code align}, capped at n. */
    static int boundary(int t, int parts, int chunks, int align, int n) {
        return (int) Math.min(n, (long) chunks * t / parts * align);
    }

    /** The workers, started on first use (a class that is only loaded then). */
    private static final class Team {
        static final Worker[] WORKERS = new Worker[CORES - 1];

        static {
            for (int i = 0; i < WORKERS.length; i++) {
                WORKERS[i] = new Worker(i + 1);
                WORKERS[i].start();
            }
        }
    }

    /**
     * One worker thread and its one-range mailbox. The caller writes the range and sets the state
     * to POSTED; whoever moves it from POSTED first runs the range: the worker (to RUNNING, then
     * DONE), or the caller itself (to TAKEN) when it has finished its own range before the worker
     * woke up, so a parked worker never makes a product slower than running it on one core.
     */
    private static final class Worker extends Thread {
        private static final int IDLE = 0;
        private static final int POSTED = 1;
        private static final int RUNNING = 2;
        private static final int DONE = 3;
        private static final int TAKEN = 4;

        private final AtomicInteger state = new AtomicInteger(IDLE);
        private Range body;
        private int from;
        private int to;
        private Throwable failure;
        private volatile Thread waiter;

        Worker(int index) {
            super("jgrad-kernel-" + index);
            setDaemon(true);
        }

        void post(Range body, int from, int to) {
            this.body = body;
            this.from = from;
            this.to = to;
            this.failure = null;
            state.set(POSTED);
            LockSupport.unpark(this);
        }

        /** Waits until the posted range is done, or runs it here if the worker has not started it. */
        Throwable await() {
            if (state.compareAndSet(POSTED, TAKEN)) {
                runRange();
            } else {
                long spinUntil = System.nanoTime() + SPIN_NANOS;
                while (state.get() != DONE) {
                    if (System.nanoTime() < spinUntil) {
                        Thread.onSpinWait();
                    } else {
                        waiter = Thread.currentThread();
                        if (state.get() != DONE) {
                            LockSupport.park(this);
                        }
                        waiter = null;
                    }
                }
            }
            state.set(IDLE);
            body = null;
            return failure;
        }

        private void runRange() {
            try {
                body.run(from, to);
            } catch (Throwable e) {
                failure = e;
            }
        }

        @Override
        public void run() {
            while (true) {
                long spinUntil = System.nanoTime() + SPIN_NANOS;
                while (state.get() != POSTED) {
                    if (System.nanoTime() < spinUntil) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                if (!state.compareAndSet(POSTED, RUNNING)) {
                    continue;   // the caller took the range back
                }
                runRange();
                state.set(DONE);
                Thread w = waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }
    }
}
