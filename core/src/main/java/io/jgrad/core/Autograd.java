package io.jgrad.core;

import java.util.List;
import java.util.Objects;

/**
 * Switches and entry points of the autograd engine: gradient recording per thread, gradients
 * without accumulation, and anomaly detection.
 */
public final class Autograd {
    /** Per-thread recording switch: independent graphs in different threads never interfere. */
    private static final ThreadLocal<boolean[]> RECORDING = ThreadLocal.withInitial(() -> new boolean[] {true});
    private static volatile boolean detectAnomaly;

    private Autograd() {
    }

    /** A scope that restores the previous recording state when closed. */
    public static final class GradScope implements AutoCloseable {
        private final boolean[] flag;
        private final boolean previous;
        private boolean closed;

        private GradScope(boolean enabled) {
            this.flag = RECORDING.get();
            this.previous = flag[0];
            flag[0] = enabled;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                flag[0] = previous;
            }
        }
    }

    /**
     * Turns recording off in this thread until the scope is closed: use it for evaluation and for
     * in-place parameter updates. <pre>{@code try (var scope = Autograd.noGrad()) { ... } }</pre>
     */
    public static GradScope noGrad() {
        return new GradScope(false);
    }

    /** Turns recording on in this thread until the scope is closed (e.g. inside a noGrad block). */
    public static GradScope enableGrad() {
        return new GradScope(true);
    }

    /** Whether operations in this thread are recorded. */
    public static boolean isGradEnabled() {
        return RECORDING.get()[0];
    }

    /**
     * With anomaly detection on, every op remembers where it was created, and a backward pass that
     * produces NaN or infinity stops with an {@link IllegalStateException} naming the op and that
     * place. The switch is global (all threads), unlike recording. It slows recording down; use it to
     * find the source of a NaN, not in production, and turn it off again in a {@code finally}.
     */
    public static void detectAnomaly(boolean enabled) {
        detectAnomaly = enabled;
    }

    /** Whether {@link #detectAnomaly} is on. */
    public static boolean isAnomalyDetectionEnabled() {
        return detectAnomaly;
    }

    /**
     * The gradients of {@code output} with respect to each of {@code inputs}, seeded with
     * {@code gradOutput}, without touching any {@link Tensor#grad()}. An input the output does not
     * depend on gets zeros; inputs may be intermediate (non-leaf) tensors. With {@code createGraph}
     * the gradients are themselves recorded, so they can be differentiated again (second derivatives,
     * gradient penalties), and the graph is retained; without it the graph is released as by
     * {@link Tensor#backward()}.
     *
     * @throws IllegalArgumentException if an input does not require grad or {@code gradOutput} has
     *     another shape than {@code output}
     */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs, Tensor gradOutput, boolean createGraph) {
        requireArguments(output, inputs);
        Objects.requireNonNull(gradOutput, "grad: gradOutput is null");
        return Engine.grad(output, inputs, gradOutput, createGraph, createGraph);
    }

    /** {@link #grad(Tensor, List, Tensor, boolean)} for a one-element output, seeded with 1. */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs, boolean createGraph) {
        requireArguments(output, inputs);
        if (output.size() != 1) {
            throw new IllegalArgumentException("grad: the output has shape " + output.shape()
                    + "; without a gradOutput it must have one element — reduce it, or pass a gradOutput of shape "
                    + output.shape());
        }
        return grad(output, inputs, Tensor.ones(output.shape().dims()), createGraph);
    }

    private static void requireArguments(Tensor output, List<Tensor> inputs) {
        Objects.requireNonNull(output, "grad: output is null");
        NullChecks.elements(inputs, "grad", "inputs");
    }

    /** Whether an op applied to these inputs now must be recorded. */
    static boolean isRecording(Tensor a) {
        return a.requiresGrad() && RECORDING.get()[0];
    }

    static boolean isRecording(Tensor a, Tensor b) {
        return (a.requiresGrad() || b.requiresGrad()) && RECORDING.get()[0];
    }

    static boolean isRecording(Tensor... inputs) {
        for (Tensor t : inputs) {
            if (t.requiresGrad()) {
                return RECORDING.get()[0];
            }
        }
        return false;
    }

    /** Sets recording for this thread and returns the previous value (for the engine). */
    static boolean setGradEnabled(boolean enabled) {
        boolean[] flag = RECORDING.get();
        boolean previous = flag[0];
        flag[0] = enabled;
        return previous;
    }
}
