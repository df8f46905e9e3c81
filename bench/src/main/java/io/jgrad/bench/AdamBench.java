package io.jgrad.bench;

import com.sun.management.ThreadMXBean;
import io.jgrad.core.Tensor;
import io.jgrad.optim.Adam;
import io.jgrad.optim.Optimizer;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * Cost of one Adam step over a million parameters: bytes allocated on the heap per step after the
 * first (which creates the moment buffers) and nanoseconds per parameter.
 */
final class AdamBench {
    static final int PARAMETERS = 1_000_000;

    private AdamBench() {
    }

    static Map<String, Object> run(Timing.Budget budget) {
        Tensor w = Tensor.randn(new MersenneTwister(7), 1000, PARAMETERS / 1000).requiresGrad(true);
        w.mul(Tensor.randn(new MersenneTwister(8), 1000, PARAMETERS / 1000)).sum().backward();
        Optimizer adam = Adam.builder(List.of(w)).lr(1e-3).build();
        adam.step();
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int steps = 10;
        long before = mx.getThreadAllocatedBytes(thread);
        long baseline = mx.getThreadAllocatedBytes(thread) - before;
        long start = mx.getThreadAllocatedBytes(thread);
        for (int i = 0; i < steps; i++) {
            adam.step();
        }
        long bytes = mx.getThreadAllocatedBytes(thread) - start - baseline;
        double nanos = Timing.nanosPerCall(budget, adam::step);
        return Map.of("bytes_per_step", (double) Math.max(0, bytes) / steps, "ns_per_param", nanos / PARAMETERS,
                "params", PARAMETERS);
    }
}
