package io.jgrad.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The reverse pass: orders the graph below a root topologically (iteratively, so a chain of a
 * million ops needs no deep stack), calls each node's backward rule once with the sum of the
 * gradients that reached it, sums broadcast gradients back to each input's shape, and accumulates
 * into leaves.
 */
final class Engine {
    private static final AtomicLong EPOCH = new AtomicLong();

    private Engine() {
    }

    static void backward(Tensor root, Tensor gradOutput, boolean retainGraph) {
        checkRoot("backward", root, gradOutput);
        gradOutput.pin();   // the caller may hold it, and it may be some leaf's grad
        Set<Tensor> owned = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<Tensor, Tensor> leafGrads = run(root, gradOutput, retainGraph, false, null, owned);
        for (Map.Entry<Tensor, Tensor> e : leafGrads.entrySet()) {
            Tensor g = e.getValue();
            if (g.pinned() && g.gradFn() == null) {
                // Storage seen outside the pass (the seed, a hook's or a custom op's result) may be
                // one of these leaves' grad: read it before any of them is added into.
                g = g.copy();
                e.setValue(g);
                owned.add(g);
            }
        }
        for (Map.Entry<Tensor, Tensor> e : leafGrads.entrySet()) {
            accumulate(e.getKey(), e.getValue(), owned.contains(e.getValue()));
        }
    }

    static List<Tensor> grad(Tensor output, List<Tensor> inputs, Tensor gradOutput, boolean createGraph,
                             boolean retainGraph) {
        checkRoot("grad", output, gradOutput);
        Map<Node, Integer> targetNodes = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor in = inputs.get(i);
            if (!in.requiresGrad()) {
                throw new IllegalArgumentException("grad: input " + i + " (shape " + in.shape()
                        + ") does not require grad; call requiresGrad(true) on it before the forward pass");
            }
            if (in.gradFn() != null) {
                targetNodes.put(in.gradFn(), i);
            }
        }
        Tensor[] results = new Tensor[inputs.size()];
        Targets targets = new Targets(inputs, targetNodes, results);
        Map<Tensor, Tensor> leafGrads = run(output, gradOutput, retainGraph, createGraph, targets, null);
        List<Tensor> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Tensor in = inputs.get(i);
            // The run stores one result per node, at the index the map kept: read it from there, so
            // that a non-leaf listed twice gets its gradient both times.
            Tensor g = in.gradFn() == null ? leafGrads.get(in) : results[targetNodes.get(in.gradFn())];
            out.add(g != null ? g : Tensor.zerosLike(in));
        }
        return out;
    }

    /** What {@link Autograd#grad} asks for: which nodes' and leaves' gradients to capture. */
    private record Targets(List<Tensor> inputs, Map<Node, Integer> nodes, Tensor[] results) {
        boolean isTargetLeaf(Tensor leaf) {
            for (Tensor t : inputs) {
                if (t == leaf) {
                    return true;
                }
            }
            return false;
        }
    }

    private static void checkRoot(String op, Tensor root, Tensor gradOutput) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException(op + ": the output (shape " + root.shape() + ") does not require grad:"
                    + " none of its inputs had requiresGrad(true), or it was computed inside Autograd.noGrad()");
        }
        if (!gradOutput.shape().equals(root.shape())) {
            throw new IllegalArgumentException(op + ": gradOutput has shape " + gradOutput.shape()
                    + " but the output has shape " + root.shape() + "; they must be the same");
        }
    }

    /**
     * Runs the reverse pass and returns the gradient each reached leaf receives. With {@code owned}
     * (not null), collects the leaf gradients whose storage nothing else refers to: new tensors made
     * during the pass and handed to one place only, which a leaf may adopt without a copy.
     */
    private static Map<Tensor, Tensor> run(Tensor root, Tensor seed, boolean retain, boolean create, Targets targets,
                                           Set<Tensor> owned) {
        Map<Tensor, Tensor> leafGrads = new IdentityHashMap<>();
        Node rootFn = root.gradFn();
        if (rootFn == null) {
            leafGrads.put(root, seed);
            return withLeafHooks(leafGrads, owned);
        }
        Order walk = postOrder(rootFn, targets);
        List<Node> order = walk.nodes();
        // A plain backward adds leaf gradients into the leaves' existing grad as it goes (no
        // temporary, no copy); grad(...) returns them instead, and createGraph records the sums.
        // Its rules may also overwrite a gradient only they hold (nothing records, nothing keeps it).
        boolean plain = owned != null && !create;
        boolean sinks = plain && walk.leafHasGrad() && !Autograd.isAnomalyDetectionEnabled() && cannotFail(order);
        boolean previousMode = Autograd.setGradEnabled(create);
        try {
            rootFn.pendingGrad = seed;
            rootFn.pendingOwned = false;
            for (int i = order.size() - 1; i >= 0; i--) {
                Node node = order.get(i);
                Tensor g = node.pendingGrad;
                boolean gOwned = node.pendingOwned;
                node.pendingGrad = null;
                if (g == null) {
                    continue;
                }
                if (node.outputHooks != null && !node.outputHooks.isEmpty()) {
                    // A hook may keep the tensor it sees, so it is no longer ours alone.
                    g = applyHooks(node.outputHooks, g);
                    gOwned = false;
                }
                if (targets != null) {
                    Integer k = targets.nodes().get(node);
                    if (k != null) {
                        targets.results()[k] = g;
                    }
                }
                if (!node.needed) {
                    continue;
                }
                node.checkNotReleased();
                node.sinkOffered = sinks ? sinksFor(node) : 0;
                node.sinkUsed = 0;
                node.gradOwned = plain && gOwned;
                propagate(node, node.backward(g), g, gOwned, leafGrads, targets, owned);
                if (!retain) {
                    node.release();
                }
            }
        } finally {
            Autograd.setGradEnabled(previousMode);
            for (Node n : order) {
                n.pendingGrad = null;
            }
        }
        return withLeafHooks(leafGrads, owned);
    }

    private static void propagate(Node node, Tensor[] grads, Tensor incoming, boolean incomingOwned,
                                  Map<Tensor, Tensor> leafGrads, Targets targets, Set<Tensor> owned) {
        if (grads.length != node.edges.length) {
            throw new IllegalStateException(node.name + ": backward returned " + grads.length
                    + " gradients for " + node.edges.length + " inputs; return one per input");
        }
        for (int j = 0; j < grads.length; j++) {
            Node.Edge edge = node.edges[j];
            if (!edge.needsGrad() || grads[j] == null) {
                continue;
            }
            if (j < Long.SIZE && (node.sinkUsed & (1L << j)) != 0) {
                throw new IllegalStateException(node.name + ": backward added input " + j
                        + "'s gradient into the leaf's grad and also returned one; return null there");
            }
            if (j < Long.SIZE && (node.sinkOffered & (1L << j)) != 0) {
                checkShape(node, j, grads[j], edge.shape());
                Tensor leafGrad = edge.leaf().grad();
                SumTo.addInto(grads[j], leafGrad.mutableData(), leafGrad.shape());
                continue;
            }
            boolean own = owned != null && node.returnsOwnGradients() && ownsStorage(node, grads, j, incoming, incomingOwned);
            Tensor gj = sumToShape(node, j, grads[j], edge.shape());
            own |= gj != grads[j];
            if (Autograd.isAnomalyDetectionEnabled()) {
                checkFinite(node, j, gj);
            }
            if (edge.node() != null) {
                Node next = edge.node();
                if (next.pendingGrad == null) {
                    next.pendingGrad = gj;
                    next.pendingOwned = own;
                } else {
                    next.pendingGrad = next.pendingGrad.add(gj);
                    next.pendingOwned = true;
                }
            } else if (targets == null || targets.isTargetLeaf(edge.leaf())) {
                Tensor prev = leafGrads.get(edge.leaf());
                Tensor sum = prev == null ? gj : prev.add(gj);
                leafGrads.put(edge.leaf(), sum);
                if (owned != null && (own || prev != null)) {
                    owned.add(sum);
                }
            }
        }
    }

    /**
     * Whether no step of this pass can throw: every saved tensor is still there and unchanged, and
     * no user code (a hook, a custom op's backward) runs. Only then may leaf gradients be added into
     * as the pass goes, so that a failed backward still leaves every {@code grad()} as it was.
     */
    private static boolean cannotFail(List<Node> order) {
        for (Node n : order) {
            if (!n.returnsOwnGradients() || (n.outputHooks != null && !n.outputHooks.isEmpty()) || !n.savedIntact()) {
                return false;
            }
            for (Node.Edge e : n.edges) {
                Tensor leaf = e.leaf();
                if (leaf != null && leaf.hooks() != null && !leaf.hooks().isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The inputs of {@code node} whose gradient may be added straight into the leaf's existing
     * {@code grad}: a leaf without hooks (they must see the pass's total first) whose gradient is a
     * plain tensor that no graph refers to, so that no later backward rule reads what is changed.
     */
    private static long sinksFor(Node node) {
        long mask = 0;
        for (int j = 0; j < node.edges.length && j < Long.SIZE; j++) {
            Tensor leaf = node.edges[j].leaf();
            if (leaf == null || (leaf.hooks() != null && !leaf.hooks().isEmpty())) {
                continue;
            }
            Tensor g = leaf.grad();
            if (g != null && g.gradFn() == null && !g.pinned()) {
                mask |= 1L << j;
            }
        }
        return mask;
    }

    /**
     * Whether gradient {@code j} that {@code node} returned has storage no one else refers to: not
     * shared with another of its gradients, and new (not the incoming gradient, unless that was
     * owned and is passed on to this input only, and not a tensor the op saved).
     */
    private static boolean ownsStorage(Node node, Tensor[] grads, int j, Tensor incoming, boolean incomingOwned) {
        double[] d = grads[j].data;
        for (int k = 0; k < grads.length; k++) {
            if (k != j && grads[k] != null && node.edges[k].needsGrad() && grads[k].data == d) {
                return false;
            }
        }
        return d == incoming.data ? incomingOwned : !node.savedStorage(d);
    }

    /**
     * The nodes below a root, children before parents, and whether a leaf among their inputs already
     * has a gradient (only then is {@link #cannotFail}'s extra walk over the graph worth its cost).
     */
    private record Order(List<Node> nodes, boolean leafHasGrad) {
    }

    /**
     * Nodes below {@code root}, children before parents, found with an explicit stack. With
     * targets, marks which nodes lead to one (the others need not run backward).
     */
    private static Order postOrder(Node root, Targets targets) {
        long mark = EPOCH.incrementAndGet();
        boolean leafHasGrad = false;
        List<Node> order = new ArrayList<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        root.visitMark = mark;
        root.visitCursor = 0;
        stack.push(root);
        while (!stack.isEmpty()) {
            Node n = stack.peek();
            if (n.visitCursor < n.edges.length) {
                Node.Edge edge = n.edges[n.visitCursor++];
                Node child = edge.node();
                leafHasGrad |= edge.leaf() != null && edge.leaf().grad() != null;
                if (child != null && child.visitMark != mark) {
                    child.visitMark = mark;
                    child.visitCursor = 0;
                    stack.push(child);
                }
                continue;
            }
            stack.pop();
            n.needed = targets == null || leadsToTarget(n, targets);
            order.add(n);
        }
        return new Order(order, leafHasGrad);
    }

    private static boolean leadsToTarget(Node n, Targets targets) {
        for (Node.Edge e : n.edges) {
            if (e.node() != null ? e.node().needed || targets.nodes().containsKey(e.node())
                    : e.leaf() != null && targets.isTargetLeaf(e.leaf())) {
                return true;
            }
        }
        return false;
    }

    /** The one place where a broadcast input's gradient is summed back to the input's shape. */
    private static Tensor sumToShape(Node node, int input, Tensor g, Shape shape) {
        if (g.shape().equals(shape)) {
            return g;
        }
        checkShape(node, input, g, shape);
        return SumTo.apply(g, shape);
    }

    private static void checkShape(Node node, int input, Tensor g, Shape shape) {
        if (!shape.broadcastsTo(g.shape())) {
            throw new IllegalStateException(node.name + ": backward returned a gradient of shape " + g.shape()
                    + " for input " + input + " of shape " + shape + "; a gradient must have the input's shape"
                    + " (or a shape it broadcasts to)");
        }
    }

    private static void checkFinite(Node node, int input, Tensor g) {
        for (double v : g.data) {
            if (!Double.isFinite(v)) {
                String site = node.creationSite();
                throw new IllegalStateException("anomaly: backward of " + node.name + " produced "
                        + (Double.isNaN(v) ? "NaN" : "infinity") + " in the gradient of its input " + input
                        + " (shape " + g.shape() + ")" + (site.isEmpty() ? "" : "; the " + node.name
                        + " was created" + site));
            }
        }
    }

    private static Map<Tensor, Tensor> withLeafHooks(Map<Tensor, Tensor> leafGrads, Set<Tensor> owned) {
        for (Map.Entry<Tensor, Tensor> e : leafGrads.entrySet()) {
            List<UnaryOperator<Tensor>> hooks = e.getKey().hooks();
            if (hooks != null && !hooks.isEmpty()) {
                if (owned != null) {
                    owned.remove(e.getValue());   // the hook may keep what it sees
                }
                e.setValue(applyHooks(hooks, e.getValue()));
            }
        }
        return leafGrads;
    }

    private static Tensor applyHooks(List<UnaryOperator<Tensor>> hooks, Tensor g) {
        for (UnaryOperator<Tensor> hook : List.copyOf(hooks)) {
            Tensor r = hook.apply(g);
            if (r != null) {
                r.pin();   // the hook may hand out any tensor, some leaf's grad included
                if (!r.shape().equals(g.shape())) {
                    throw new IllegalStateException("hook: returned a gradient of shape " + r.shape()
                            + " in place of one of shape " + g.shape() + "; a hook must keep the shape");
                }
                g = r;
            }
        }
        return g;
    }

    /**
     * Adds a gradient into a leaf's {@code grad}, in place when nothing records it. A first gradient
     * becomes the leaf's {@code grad} as it is when this pass {@code owned} its storage, else as a
     * copy (so that accumulating into it later cannot change a tensor someone else holds).
     */
    private static void accumulate(Tensor leaf, Tensor g, boolean owned) {
        Tensor prev = leaf.grad();
        if (prev == null) {
            leaf.setGrad(g.gradFn() == null && !owned ? g.copy() : g);
        } else if (prev.gradFn() == null && g.gradFn() == null) {
            double[] d = prev.mutableData();
            double[] s = g.data;
            for (int i = 0; i < d.length; i++) {
                d[i] += s[i];
            }
        } else {
            leaf.setGrad(prev.add(g));
        }
    }
}
