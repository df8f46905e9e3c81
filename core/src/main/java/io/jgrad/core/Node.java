package io.jgrad.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One recorded operation in the graph: the op that made a tensor, edges to its inputs, the tensors
 * it saved and its backward rule. Each op is a subclass that keeps its forward computation (a
 * static {@code apply}) next to {@link #backward}.
 *
 * <p>Edges point at the inputs' nodes (or at leaf tensors), never at intermediate tensors, so an
 * intermediate result is kept alive only while an op has saved it.
 */
abstract class Node {
    /** Where an input's gradient goes: the node that produced it, or the leaf itself. */
    record Edge(Node node, Tensor leaf, Shape shape) {
        boolean needsGrad() {
            return node != null || leaf != null;
        }
    }

    /** A tensor an op keeps for backward, with the version it had when saved. */
    final class Saved {
        private Tensor tensor;
        private final int version;

        private Saved(Tensor t) {
            this.tensor = t;
            this.version = t.version();
        }

        /** The saved tensor, checked against in-place changes and release. */
        Tensor get() {
            if (tensor == null) {
                throw new IllegalStateException(name + ": trying to backward through the graph a second time,"
                        + " but its saved tensors were freed by the first backward; pass retainGraph = true"
                        + " to the first backward(...) call if you need to call it again");
            }
            if (tensor.version() != version) {
                throw new IllegalStateException(name + ": a tensor of shape " + tensor.shape()
                        + " that this op saved for backward was modified in place (version " + version
                        + " when saved, " + tensor.version() + " now), so its gradient would be wrong;"
                        + " modify a copy instead, or modify it only after backward");
            }
            return tensor;
        }
    }

    final String name;
    final Edge[] edges;
    final Shape outputShape;
    private final List<Saved> saved = new ArrayList<>(2);
    private final Throwable creationSite;
    private boolean released;
    /** Hooks of the output tensor, if any were registered on it. */
    List<UnaryOperator<Tensor>> outputHooks;

    // Scratch state of the engine during one backward pass (a graph belongs to one thread).
    Tensor pendingGrad;
    /** Whether nothing but {@link #pendingGrad} refers to its storage (so it may be adopted, not copied). */
    boolean pendingOwned;
    int visitCursor;
    long visitMark;
    boolean needed;
    /** Bit i: input i is a leaf whose existing gradient this pass may add into directly. */
    long sinkOffered;
    /** Bit i: {@link #backward} added input i's gradient into that storage itself. */
    long sinkUsed;
    /**
     * Whether the gradient {@link #backward} gets is storage the engine made and hands to this node
     * alone, with nothing recording: the rule may then overwrite it and return it (a ReLU masks it
     * in place) instead of allocating another tensor of the same shape.
     */
    boolean gradOwned;

    /**
     * Records this op as the producer of {@code output} from {@code inputs}; call only when
     * {@link Autograd#isRecording} says some input needs a gradient.
     */
    Node(String name, Tensor output, Tensor... inputs) {
        this.name = name;
        this.edges = new Edge[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor in = inputs[i];
            Node fn = in.gradFn();
            Tensor leaf = fn == null && in.requiresGrad() ? in : null;
            edges[i] = new Edge(fn, leaf, in.shape());
        }
        this.outputShape = output.shape();
        this.creationSite = Autograd.isAnomalyDetectionEnabled() ? new Throwable("created here") : null;
        output.attach(this);
    }

    /** Keeps {@code t} for backward; the engine drops it after backward unless the graph is retained. */
    final Saved save(Tensor t) {
        t.pin();
        Saved s = new Saved(t);
        saved.add(s);
        return s;
    }

    /** Whether input {@code i} needs a gradient, so backward may skip work for the others. */
    final boolean needsGrad(int i) {
        return edges[i].needsGrad();
    }

    /**
     * The vector-Jacobian products: given the gradient of the output, the gradient of each input, in
     * the shape of the output or of the input (the engine sums broadcast gradients back). Entries for
     * inputs that need no gradient may be {@code null}. Written with tensor ops, so that under
     * {@code createGraph} it is itself recorded.
     *
     * <p>Each returned gradient must be a new tensor, {@code grad} itself or a view of it — never a
     * saved tensor or other state the op keeps — so that the engine can hand a new one to a leaf
     * as its {@code grad} without copying it.
     */
    abstract Tensor[] backward(Tensor grad);

    /**
     * Whether {@link #backward} keeps the contract above; user-defined ops cannot promise it, so
     * their gradients are always copied before they become a leaf's {@code grad}.
     */
    boolean returnsOwnGradients() {
        return true;
    }

    /**
     * The storage of input {@code i}'s accumulated leaf gradient, when the engine lets this backward
     * add input {@code i}'s gradient straight into it (so {@code dW += Xᵀ·dZ} needs no temporary), or
     * {@code null}. An op that takes it must add exactly the gradient it would have returned for
     * input {@code i}, and return {@code null} there. Offered only when nothing records the backward
     * pass, so rules written with tensor ops stay the definition under {@code createGraph}.
     */
    final double[] gradientSink(int i) {
        if (i >= Long.SIZE || (sinkOffered & (1L << i)) == 0) {
            return null;
        }
        sinkUsed |= 1L << i;
        return edges[i].leaf().grad().mutableData();
    }

    /** Whether {@code data} is the storage of a tensor this op saved. */
    final boolean savedStorage(double[] data) {
        for (Saved s : saved) {
            if (s.tensor != null && s.tensor.data == data) {
                return true;
            }
        }
        return false;
    }

    /** Whether backward can run: not released, and no saved tensor changed in place since it was saved. */
    final boolean savedIntact() {
        if (released) {
            return false;
        }
        for (Saved s : saved) {
            if (s.tensor == null || s.tensor.version() != s.version) {
                return false;
            }
        }
        return true;
    }

    final void checkNotReleased() {
        if (released) {
            throw new IllegalStateException(name + ": trying to backward through the graph a second time,"
                    + " but it was released by the first backward; pass retainGraph = true to the first"
                    + " backward(...) call if you need to call it again");
        }
    }

    final void release() {
        released = true;
        for (Saved s : saved) {
            s.tensor = null;
        }
    }

    /** Where in user code this op was created (only with anomaly detection on), else empty. */
    final String creationSite() {
        if (creationSite == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : creationSite.getStackTrace()) {
            if (e.getClassName().startsWith("io.jgrad.core.") && !e.getClassName().endsWith("Test")) {
                continue;
            }
            sb.append("\n    at ").append(e);
            if (sb.length() > 600) {
                break;
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return name + " -> " + outputShape;
    }
}
