package io.jgrad.core;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The recorded graph behind a tensor as Graphviz DOT text: one box per op with its output shape,
 * leaves (parameters) as ellipses, arrows in the direction of the forward computation. Render it
 * with {@code dot -Tsvg graph.dot -o graph.svg}.
 */
public final class GraphDot {
    private GraphDot() {
    }

    /** The graph behind {@code root} as DOT text, leaves labelled "leaf" with their shapes. */
    public static String toDot(Tensor root) {
        return toDot(root, Map.of());
    }

    /** As {@link #toDot(Tensor)}, labelling the given leaves with names (e.g. "W1"). */
    public static String toDot(Tensor root, Map<Tensor, String> names) {
        Objects.requireNonNull(root, "toDot: root is null");
        Objects.requireNonNull(names, "toDot: names is null; pass Map.of() for no names");
        Map<Tensor, String> labels = new IdentityHashMap<>(names);
        StringBuilder sb = new StringBuilder("digraph jgrad {\n  rankdir=BT;\n  node [fontname=\"Helvetica\"];\n");
        Map<Object, String> ids = new IdentityHashMap<>();
        if (root.gradFn() == null) {
            sb.append("  ").append(id(ids, root)).append(leafLabel(root, labels)).append(";\n}\n");
            return sb.toString();
        }
        ArrayDeque<Node> todo = new ArrayDeque<>();
        todo.add(root.gradFn());
        id(ids, root.gradFn());
        sb.append("  output [shape=plaintext, label=\"output ").append(root.shape()).append("\"];\n");
        sb.append("  ").append(ids.get(root.gradFn())).append(" -> output;\n");
        while (!todo.isEmpty()) {
            Node n = todo.poll();
            sb.append("  ").append(ids.get(n)).append(" [shape=box, style=filled, fillcolor=\"#dde8f8\", label=\"")
                    .append(n.name).append("\\n").append(n.outputShape).append("\"];\n");
            for (Node.Edge e : n.edges) {
                String from;
                if (e.node() != null) {
                    boolean seen = ids.containsKey(e.node());
                    from = id(ids, e.node());
                    if (!seen) {
                        todo.add(e.node());
                    }
                } else if (e.leaf() != null) {
                    boolean seen = ids.containsKey(e.leaf());
                    from = id(ids, e.leaf());
                    if (!seen) {
                        sb.append("  ").append(from).append(leafLabel(e.leaf(), labels)).append(";\n");
                    }
                } else {
                    from = "c" + ids.size();
                    ids.put(new Object(), from);
                    sb.append("  ").append(from).append(" [shape=ellipse, style=dashed, label=\"constant\\n")
                            .append(e.shape()).append("\"];\n");
                }
                sb.append("  ").append(from).append(" -> ").append(ids.get(n)).append(";\n");
            }
        }
        return sb.append("}\n").toString();
    }

    private static String leafLabel(Tensor leaf, Map<Tensor, String> labels) {
        String name = labels.getOrDefault(leaf, "leaf");
        return " [shape=ellipse, style=filled, fillcolor=\"#fbe3c4\", label=\"" + name.replace("\"", "'")
                + "\\n" + leaf.shape() + "\"]";
    }

    private static String id(Map<Object, String> ids, Object o) {
        return ids.computeIfAbsent(o, k -> "n" + ids.size());
    }
}
