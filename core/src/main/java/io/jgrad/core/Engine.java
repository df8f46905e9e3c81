package io.jgrad.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
        Map<Tensor, Tensor> leafGrads = run(root, gradOutput, retainGraph, false, null);
        for (Map.Entry<Tensor, Tensor> e : leafGrads.entrySet()) {
            accumulate(e.getKey(), e.getValue());
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
        Map<Tensor, Tensor> leafGrads = run(output, gradOutput, retainGraph, createGraph, targets);
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

    /** Runs the reverse pass and returns the gradient each reached leaf receives. */
    private static Map<Tensor, Tensor> run(Tensor root, Tensor seed, boolean retain, boolean create, Targets targets) {
        Map<Tensor, Tensor> leafGrads = new IdentityHashMap<>();
        Node rootFn = root.gradFn();
        if (rootFn == null) {
            leafGrads.put(root, seed);
            return withLeafHooks(leafGrads);
        }
        List<Node> order = postOrder(rootFn, targets);
        boolean previousMode = Autograd.setGradEnabled(create);
        try {
            rootFn.pendingGrad = seed;
            for (int i = order.size() - 1; i >= 0; i--) {
                Node node = order.get(i);
                Tensor g = node.pendingGrad;
                node.pendingGrad = null;
                if (g == null) {
                    continue;
                }
                if (node.outputHooks != null) {
                    g = applyHooks(node.outputHooks, g);
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
                propagate(node, node.backward(g), leafGrads, targets);
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
        return withLeafHooks(leafGrads);
    }

    private static void propagate(Node node, Tensor[] grads, Map<Tensor, Tensor> leafGrads, Targets targets) {
        if (grads.length != node.edges.length) {
            throw new IllegalStateException(node.name + ": backward returned " + grads.length
                    + " gradients for " + node.edges.length + " inputs; return one per input");
        }
        for (int j = 0; j < grads.length; j++) {
            Node.Edge edge = node.edges[j];
            if (!edge.needsGrad() || grads[j] == null) {
                continue;
            }
            Tensor gj = sumToShape(node, j, grads[j], edge.shape());
            if (Autograd.isAnomalyDetectionEnabled()) {
                checkFinite(node, j, gj);
            }
            if (edge.node() != null) {
                Node next = edge.node();
                next.pendingGrad = next.pendingGrad == null ? gj : next.pendingGrad.add(gj);
            } else if (targets == null || targets.isTargetLeaf(edge.leaf())) {
                leafGrads.merge(edge.leaf(), gj, Tensor::add);
            }
        }
    }

    /**
     * Nodes below {@code root}, children before parents, found with an explicit stack. With
     * targets, marks which nodes lead to one (the others need not run backward).
     */
    private static List<Node> postOrder(Node root, Targets targets) {
        long mark = EPOCH.incrementAndGet();
        List<Node> order = new ArrayList<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        root.visitMark = mark;
        root.visitCursor = 0;
        stack.push(root);
        while (!stack.isEmpty()) {
            Node n = stack.peek();
            if (n.visitCursor < n.edges.length) {
                Node child = n.edges[n.visitCursor++].node();
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
        return order;
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
        if (!shape.broadcastsTo(g.shape())) {
            throw new IllegalStateException(node.name + ": backward returned a gradient of shape " + g.shape()
                    + " for input " + input + " of shape " + shape + "; a gradient must have the input's shape"
                    + " (or a shape it broadcasts to)");
        }
        return SumTo.apply(g, shape);
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

    private static Map<Tensor, Tensor> withLeafHooks(Map<Tensor, Tensor> leafGrads) {
        for (Map.Entry<Tensor, Tensor> e : leafGrads.entrySet()) {
            if (e.getKey().hooks() != null) {
                e.setValue(applyHooks(e.getKey().hooks(), e.getValue()));
            }
        }
        return leafGrads;
    }

    private static Tensor applyHooks(List<UnaryOperator<Tensor>> hooks, Tensor g) {
        for (UnaryOperator<Tensor> hook : List.copyOf(hooks)) {
            Tensor r = hook.apply(g);
            if (r != null) {
                if (!r.shape().equals(g.shape())) {
                    throw new IllegalStateException("hook: returned a gradient of shape " + r.shape()
                            + " in place of one of shape " + g.shape() + "; a hook must keep the shape");
                }
                g = r;
            }
        }
        return g;
    }

    /** Adds a gradient into a leaf's {@code grad}, in place when nothing records it. */
    private static void accumulate(Tensor leaf, Tensor g) {
        Tensor prev = leaf.grad();
        if (prev == null) {
            leaf.setGrad(g.gradFn() == null ? g.copy() : g);
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
