package io.jgrad.examples;

import io.jgrad.core.GraphDot;
import io.jgrad.core.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Tutorial {@code computation-graph}: what the engine records while {@code J = 3(a + bc)} is
 * computed, the order in which backward visits it, and the graph drawn with {@link GraphDot}. A
 * second graph shows a value used twice ({@code f = x·x + x}), where the gradients of both uses add.
 */
final class ComputationGraph implements Command {
    @Override
    public String name() {
        return "computation-graph";
    }

    @Override
    public String summary() {
        return "the graph recorded for J = 3(a + bc), the backward walk through it, drawn as Graphviz DOT";
    }

    @Override
    public Result run(RunContext ctx) throws Exception {
        Result result = new Result();
        ctx.heading("Forward: each operation records a node that remembers its inputs");
        Tensor a = Tensor.scalar(5).requiresGrad(true);
        Tensor b = Tensor.scalar(3).requiresGrad(true);
        Tensor c = Tensor.scalar(2).requiresGrad(true);
        Tensor v = b.mul(c);
        Tensor u = a.add(v);
        Tensor j = u.mul(3);
        ctx.printf("v = b * c  = %4.0f   (recorded by %s)%n", v.item(), v.opName());
        ctx.printf("u = a + v  = %4.0f   (recorded by %s)%n", u.item(), u.opName());
        ctx.printf("J = 3 * u  = %4.0f   (recorded by %s)%n", j.item(), j.opName());
        ctx.printf("a, b, c are leaves: %s, %s, %s%n", a.opName(), b.opName(), c.opName());

        ctx.heading("Backward: from J to the leaves, each node once, in reverse topological order");
        // Hooks see each gradient as it arrives, so they show the order of the reverse walk.
        for (var named : List.of(Map.entry("J", j), Map.entry("u", u), Map.entry("v", v))) {
            named.getValue().registerHook(g -> {
                ctx.printf("  gradient arrives at %s: dJ/d%s = %.0f%n", named.getKey(), named.getKey(), g.item());
                return g;
            });
        }
        j.backward();
        ctx.printf("  leaves: dJ/da = %.0f, dJ/db = %.0f (= 3c), dJ/dc = %.0f (= 3b)%n",
                a.grad().item(), b.grad().item(), c.grad().item());
        result.put("dJda", a.grad().item()).put("dJdb", b.grad().item()).put("dJdc", c.grad().item());

        String dot = GraphDot.toDot(j, Map.of(a, "a", b, "b", c, "c"));
        ctx.heading("The graph of J as Graphviz DOT (computation-graph.dot)");
        ctx.println(dot.strip());
        for (Path f : Graphviz.write(ctx, "computation-graph", dot)) {
            result.addFile(f);
        }

        ctx.heading("A value used twice: f = x * x + x at x = 3, df/dx = 2x + 1 = 7");
        Tensor x = Tensor.scalar(3).requiresGrad(true);
        Tensor f = x.mul(x).add(x);
        f.backward();
        ctx.printf("x feeds the graph along three edges (twice into mul, once into add);%n"
                + "backward adds the gradient of every edge: df/dx = x + x + 1 = %.0f%n", x.grad().item());
        result.put("dfdx", x.grad().item());
        for (Path p : Graphviz.write(ctx, "fork-graph", GraphDot.toDot(f, Map.of(x, "x")))) {
            result.addFile(p);
        }
        return result;
    }
}
