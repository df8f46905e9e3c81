package io.jgrad.examples;

import io.jgrad.core.Autograd;
import io.jgrad.core.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tutorial {@code chain-rule}: derivatives of two small scalar functions, once by hand with the chain
 * rule and once by the engine, side by side.
 *
 * <ul>
 *   <li>{@code y = 5u⁴, u = x³ + 7}: dy/dx = dy/du · du/dx = 20u³ · 3x².</li>
 *   <li>{@code J = 3(a + bc)}, written as {@code v = bc, u = a + v, J = 3u}: dJ/du = 3, dJ/dv = 3,
 *       dJ/da = 3, dJ/db = 3c, dJ/dc = 3b.</li>
 * </ul>
 */
final class ChainRule implements Command {
    @Override
    public String name() {
        return "chain-rule";
    }

    @Override
    public String summary() {
        return "derivatives of y = 5u^4, u = x^3 + 7 and J = 3(a + bc): by hand and by autograd";
    }

    @Override
    public Result run(RunContext ctx) {
        Result result = new Result();
        result.put("maxDifference", Math.max(polynomial(ctx), threeAPlusBC(ctx)));
        result.addFile(derivativeChart(ctx));
        return result;
    }

    /** Prints dy/dx for y = 5u⁴, u = x³ + 7 at a few points; returns the largest difference. */
    static double polynomial(RunContext ctx) {
        ctx.heading("y = 5u^4 with u = x^3 + 7:  dy/dx = (dy/du)(du/dx) = 20u^3 * 3x^2");
        ctx.printf("%8s %10s %22s %22s %12s%n", "x", "u", "by hand", "autograd", "difference");
        double worst = 0;
        for (double x0 : new double[] {-1.0, 0.5, 1.0, 2.0}) {
            Tensor x = Tensor.scalar(x0).requiresGrad(true);
            Tensor u = x.pow(3).add(7);
            Tensor y = u.pow(4).mul(5);
            y.backward();
            double hand = handDerivative(x0);
            double auto = x.grad().item();
            double diff = Math.abs(hand - auto);
            worst = Math.max(worst, diff / Math.max(1, Math.abs(hand)));
            ctx.printf("%8.3f %10.4f %22.10f %22.10f %12.3g%n", x0, u.item(), hand, auto, diff);
        }
        return worst;
    }

    /** Prints every derivative of J = 3(a + bc) at a = 5, b = 3, c = 2; returns the largest difference. */
    static double threeAPlusBC(RunContext ctx) {
        ctx.heading("J = 3(a + bc) at a = 5, b = 3, c = 2, computed as v = bc, u = a + v, J = 3u");
        Tensor a = Tensor.scalar(5).requiresGrad(true);
        Tensor b = Tensor.scalar(3).requiresGrad(true);
        Tensor c = Tensor.scalar(2).requiresGrad(true);
        Tensor v = b.mul(c);
        Tensor u = a.add(v);
        Tensor j = u.mul(3);
        ctx.printf("forward:  v = bc = %.0f,  u = a + v = %.0f,  J = 3u = %.0f%n", v.item(), u.item(), j.item());
        // Autograd.grad also reaches intermediate values (u, v), which backward() does not store.
        List<Tensor> grads = Autograd.grad(j, List.of(u, v, a, b, c), false);
        Map<String, Double> byHand = new LinkedHashMap<>();
        byHand.put("dJ/du = 3", 3.0);
        byHand.put("dJ/dv = dJ/du * du/dv = 3 * 1", 3.0);
        byHand.put("dJ/da = dJ/du * du/da = 3 * 1", 3.0);
        byHand.put("dJ/db = dJ/dv * dv/db = 3 * c", 3.0 * c.item());
        byHand.put("dJ/dc = dJ/dv * dv/dc = 3 * b", 3.0 * b.item());
        ctx.printf("%-34s %10s %10s%n", "backward (chain rule)", "by hand", "autograd");
        double worst = 0;
        int i = 0;
        for (Map.Entry<String, Double> e : byHand.entrySet()) {
            double auto = grads.get(i++).item();
            worst = Math.max(worst, Math.abs(e.getValue() - auto));
            ctx.printf("%-34s %10.4f %10.4f%n", e.getKey(), e.getValue(), auto);
        }
        return worst;
    }

    /** dy/dx = 20u³ · 3x² with u = x³ + 7. */
    static double handDerivative(double x) {
        double u = x * x * x + 7;
        return 20 * u * u * u * 3 * x * x;
    }

    /** The hand-derived dy/dx as a curve with autograd's value at each point beside it. */
    private static Path derivativeChart(RunContext ctx) {
        int n = 61;
        double[] xs = new double[n];
        double[] hand = new double[n];
        double[] auto = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = -2.0 + 3.0 * i / (n - 1);
            hand[i] = handDerivative(xs[i]);
            Tensor x = Tensor.scalar(xs[i]).requiresGrad(true);
            x.pow(3).add(7).pow(4).mul(5).backward();
            auto[i] = x.grad().item();
        }
        var chart = Charts.lineChart("dy/dx for y = 5(x^3 + 7)^4", "x", "dy/dx");
        Charts.addLine(chart, "by hand: 60 x^2 (x^3 + 7)^3", xs, hand);
        Charts.addPoints(chart, "autograd", xs, auto);
        return Charts.save(chart, ctx.file("chain-rule.png"));
    }
}
