package io.jgrad.bench;

import io.jgrad.core.kernels.Gemm;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/** Square DGEMM throughput, C = A·B with n × n float64 matrices, through the core's kernel. */
final class MatmulBench {
    private MatmulBench() {
    }

    /** GFLOPS (2n³ floating-point operations per product) for each n, keyed by n. */
    static Map<String, Object> run(int[] sizes, Timing.Budget budget) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int n : sizes) {
            out.put(Integer.toString(n), Map.of("gflops", gflops(n, budget)));
        }
        return out;
    }

    static double gflops(int n, Timing.Budget budget) {
        RandomGenerator rng = new MersenneTwister(n);
        double[] a = random(rng, n * n), b = random(rng, n * n), c = new double[n * n];
        double nanos = Timing.nanosPerCall(budget, () -> Gemm.gemm(false, false, n, n, n, a, 0, b, 0, c, 0));
        return 2.0 * n * n * n / nanos;
    }

    /** {@code size} values uniform in [−1, 1). */
    static double[] random(RandomGenerator rng, int size) {
        double[] d = new double[size];
        for (int i = 0; i < size; i++) {
            d[i] = 2 * rng.nextDouble() - 1;
        }
        return d;
    }
}
