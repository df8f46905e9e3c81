package io.jgrad.bench;

import java.util.Arrays;

/**
 * Times an action: warm-up first (so the JIT has compiled the hot code), then several timed
 * repeats of a batch of calls sized to a target duration; reports the median per call.
 */
final class Timing {
    private Timing() {
    }

    /** One unit of work to time (a training step, a product, a chain). */
    @FunctionalInterface
    interface Action {
        void run();
    }

    /**
     * How long to warm up and measure; {@link #QUICK} only checks that everything runs. On two
     * cores, C2 takes 4–5 s to finish compiling a training step (mnist with SGD: 5.1 ms per step
     * over the first 2 s, 3.1 ms over the next 2 s, 2.7–2.8 ms after), so warm-up is 5 s, for
     * PyTorch's peer script too.
     */
    record Budget(double warmupSeconds, int repeats, double repeatSeconds) {
        static final Budget FULL = new Budget(5.0, 7, 0.25);
        static final Budget QUICK = new Budget(0.0, 2, 0.0);
    }

    /** Median nanoseconds per call of {@code action}. */
    static double nanosPerCall(Budget budget, Action action) {
        long start = System.nanoTime();
        int warm = 0;
        do {
            action.run();
            warm++;
        } while (System.nanoTime() - start < budget.warmupSeconds() * 1e9 || warm < 2);
        double estimate = (System.nanoTime() - start) / (double) warm;
        int calls = (int) Math.max(1, Math.min(1_000_000, budget.repeatSeconds() * 1e9 / estimate));
        double[] perCall = new double[budget.repeats()];
        for (int r = 0; r < perCall.length; r++) {
            long t = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                action.run();
            }
            perCall[r] = (System.nanoTime() - t) / (double) calls;
        }
        return median(perCall);
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
