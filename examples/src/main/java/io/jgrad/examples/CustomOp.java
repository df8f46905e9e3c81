package io.jgrad.examples;

import io.jgrad.core.CustomFunction;
import io.jgrad.core.GradCheck;
import io.jgrad.core.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.style.Styler;

/**
 * Tutorial {@code custom-op}: an op the library does not have ({@link Softsign}) defined with
 * {@link CustomFunction}, checked against central differences with {@link GradCheck} to first and
 * second order, and a deliberately wrong backward rule that the check catches.
 */
final class CustomOp implements Command {
    /** The same op with a classic mistake in backward: the square of the denominator is missing. */
    static final class BrokenSoftsign extends CustomFunction {
        @Override
        protected Tensor forward(Context ctx, Tensor... inputs) {
            ctx.save(inputs[0]);
            return inputs[0].div(inputs[0].abs().add(1));
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor gradOutput) {
            return new Tensor[] {gradOutput.div(ctx.saved(0).abs().add(1))};
        }
    }

    @Override
    public String name() {
        return "custom-op";
    }

    @Override
    public String summary() {
        return "define your own op (softsign) with CustomFunction and check its gradient with GradCheck";
    }

    @Override
    public Result run(RunContext ctx) {
        Result result = new Result();
        ctx.heading("softsign(x) = x / (1 + |x|), backward: grad / (1 + |x|)^2");
        Tensor x = Tensor.of(new double[] {-2.0, -0.5, 0.25, 1.0, 3.0}, 5).requiresGrad(true);
        Tensor y = new Softsign().apply(x);
        y.sum().backward();
        ctx.println("x             = " + format(x));
        ctx.println("softsign(x)   = " + format(y));
        ctx.println("d/dx autograd = " + format(x.grad()));
        ctx.println("recorded as op '" + y.opName() + "', like a built-in op");

        ctx.heading("GradCheck: autograd vs central differences (f(x+e) - f(x-e)) / 2e");
        // Inputs away from 0, where |x| has a kink and central differences straddle it.
        Tensor input = Tensor.of(new double[] {-1.5, -0.7, 0.3, 0.9, 2.2, -3.1}, 2, 3).requiresGrad(true);
        GradCheck.Report first = GradCheck.check(in -> new Softsign().apply(in.get(0)), List.of(input));
        GradCheck.Report second = GradCheck.checkSecondOrder(in -> new Softsign().apply(in.get(0)), List.of(input));
        GradCheck.Report broken = GradCheck.check(in -> new BrokenSoftsign().apply(in.get(0)), List.of(input));
        ctx.println("first order:  " + first);
        ctx.println("second order: " + second);
        ctx.println("a backward that forgot the square:");
        ctx.println("              " + broken);
        result.put("firstOrderPassed", first.passed() ? 1 : 0).put("secondOrderPassed", second.passed() ? 1 : 0)
                .put("brokenPassed", broken.passed() ? 1 : 0).put("firstOrderWorstError", first.absError());

        result.addFile(chart(ctx));
        return result;
    }

    /** softsign and its derivative (from autograd) beside tanh and its derivative. */
    private static Path chart(RunContext ctx) {
        int n = 201;
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = -5 + 10.0 * i / (n - 1);
        }
        Tensor x = Tensor.of(xs).requiresGrad(true);
        Tensor s = new Softsign().apply(x);
        s.sum().backward();
        Tensor xt = Tensor.of(xs).requiresGrad(true);
        Tensor t = xt.tanh();
        t.sum().backward();
        var chart = Charts.lineChart("softsign (a custom op) and tanh, with their derivatives from autograd", "x", "");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        Charts.addLine(chart, "softsign(x)", xs, s.toArray());
        Charts.addLine(chart, "d softsign / dx", xs, x.grad().toArray());
        Charts.addLine(chart, "tanh(x)", xs, t.toArray());
        Charts.addLine(chart, "d tanh / dx", xs, xt.grad().toArray());
        return Charts.save(chart, ctx.file("custom-op.png"));
    }

    private static String format(Tensor t) {
        StringBuilder sb = new StringBuilder("[");
        for (double v : t.data()) {
            sb.append(sb.length() == 1 ? "" : ", ").append(String.format(Locale.ROOT, "%8.5f", v));
        }
        return sb.append(']').toString();
    }
}
