package io.jgrad.bench;

import io.jgrad.core.Tensor;
import java.util.Map;

/**
 * Framework overhead: a chain of scalar (0-dimensional) ops — mul, add, tanh in turn — recorded and
 * differentiated, so almost all the time is recording and the reverse pass, not arithmetic.
 */
final class OverheadBench {
    private OverheadBench() {
    }

    /** Microseconds per op, forward + backward, for a chain of {@code ops} ops. */
    static Map<String, Object> run(int ops, Timing.Budget budget) {
        double nanos = Timing.nanosPerCall(budget, () -> chain(ops));
        return Map.of("us_per_op", nanos / ops / 1e3, "ops", ops);
    }

    /** One forward and backward pass through the chain; returns the gradient so nothing is dead code. */
    static double chain(int ops) {
        Tensor x = Tensor.scalar(0.5).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < ops; i++) {
            switch (i % 3) {
                case 0 -> y = y.mul(0.9);
                case 1 -> y = y.add(0.1);
                default -> y = y.tanh();
            }
        }
        y.backward();
        return x.grad().item();
    }
}
