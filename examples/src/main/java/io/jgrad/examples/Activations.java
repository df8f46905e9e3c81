package io.jgrad.examples;

import io.jgrad.core.Autograd;
import io.jgrad.core.Tensor;
import io.jgrad.nn.Dataset;
import io.jgrad.nn.Dense;
import io.jgrad.nn.LeakyReLU;
import io.jgrad.nn.Layer;
import io.jgrad.nn.Losses;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.Sigmoid;
import io.jgrad.nn.Tanh;
import io.jgrad.optim.SGD;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.random.MersenneTwister;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * Tutorial {@code activations}: sigmoid, tanh, ReLU and leaky ReLU, each with its derivative taken
 * by autograd and checked against the closed form; then the same small network on the digits,
 * trained once with each.
 *
 * <pre>
 *   σ(x) = 1 / (1 + e^−x)        σ'(x) = σ(x)(1 − σ(x))          (at most 1/4)
 *   tanh(x)                      tanh'(x) = 1 − tanh²(x)          (at most 1)
 *   relu(x) = max(0, x)          relu'(x) = 1{x > 0}
 *   leaky(x) = x or a·x          leaky'(x) = 1 for x > 0, else a
 * </pre>
 */
final class Activations implements Command {
    /** Slope of the leaky ReLU: larger than the usual 0.01 so that it shows in the charts. */
    static final double LEAKY_SLOPE = 0.1;
    static final int HIDDEN = 32;
    static final double LEARNING_RATE = 0.05;
    static final int BATCH = 32;

    /**
     * One activation function: how the tensor op applies it, its derivative in closed form (to check
     * autograd against), and the nn layer that applies it in a network.
     */
    record Activation(String name, UnaryOperator<Tensor> function, DoubleUnaryOperator derivative,
                      Supplier<Layer> layer) {
    }

    static final List<Activation> ALL = List.of(
            new Activation("sigmoid", Tensor::sigmoid, x -> sigmoid(x) * (1 - sigmoid(x)), Sigmoid::new),
            new Activation("tanh", Tensor::tanh, x -> 1 - Math.tanh(x) * Math.tanh(x), Tanh::new),
            new Activation("ReLU", Tensor::relu, x -> x > 0 ? 1 : 0, ReLU::new),
            new Activation("leaky ReLU", x -> x.leakyRelu(LEAKY_SLOPE), x -> x > 0 ? 1 : LEAKY_SLOPE,
                    () -> new LeakyReLU(LEAKY_SLOPE)));

    @Override
    public String name() {
        return "activations";
    }

    @Override
    public String summary() {
        return "sigmoid, tanh, ReLU, leaky ReLU: derivatives by autograd, plotted; one network trained with each";
    }

    @Override
    public Result run(RunContext ctx) {
        Result result = new Result();
        derivatives(ctx, result);
        training(ctx, result);
        return result;
    }

    /** Plots each function and its autograd derivative; records the largest gap to the closed form. */
    private static void derivatives(RunContext ctx, Result result) {
        ctx.heading("Derivatives by autograd: x is 201 points in [-5, 5], y = f(x), then grad of sum(y) w.r.t. x");
        ctx.println("Each y_i depends on x_i alone, so d sum(y) / dx_i = f'(x_i): one backward gives f' at every point.");
        int n = 201;
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = -5 + 10.0 * i / (n - 1);
        }
        XYChart functions = chart("Activation functions", "f(x)");
        // ReLU reaches 5 at x = 5; cut there, the sigmoid and tanh curves would be flat lines.
        functions.getStyler().setYAxisMin(-1.2).setYAxisMax(2.0);
        XYChart slopes = chart("Their derivatives, taken by autograd", "f'(x)");
        ctx.printf("%-11s %8s %8s %8s %8s %8s   %s%n", "f'(x) at x:", "-2", "-0.5", "0", "0.5", "2",
                "max |autograd - closed form| over the 201 points");
        double worst = 0;
        for (Activation a : ALL) {
            Tensor x = Tensor.of(xs.clone(), n).requiresGrad(true);
            Tensor y = a.function().apply(x);
            double[] dy = Autograd.grad(y.sum(), List.of(x), false).get(0).toArray();
            double gap = 0;
            for (int i = 0; i < n; i++) {
                gap = Math.max(gap, Math.abs(dy[i] - a.derivative().applyAsDouble(xs[i])));
            }
            worst = Math.max(worst, gap);
            // Points 60, 95, 100, 105, 140 of the grid are x = -2, -0.5, 0, 0.5, 2.
            ctx.printf("%-11s %8.4f %8.4f %8.4f %8.4f %8.4f   %.3g%n", a.name(), dy[60], dy[95], dy[100], dy[105],
                    dy[140], gap);
            Charts.addLine(functions, a.name(), xs, y.toArray());
            Charts.addLine(slopes, a.name() + "'", xs, dy);
        }
        ctx.println("sigmoid' is at most 0.25 and tanh' at most 1, and both vanish for large |x|; ReLU' is 0 or 1.");
        result.put("maxDerivativeDifference", worst);
        result.addFile(Charts.save(functions, ctx.file("activations.png")));
        result.addFile(Charts.save(slopes, ctx.file("activation-derivatives.png")));
    }

    /** Trains 64-32-32-10 on the digits once per activation, from the same seed; prints a table. */
    private static void training(RunContext ctx, Result result) {
        int epochs = ctx.quick() ? 6 : 30;
        Dataset.Split split = Datasets.standardised(Datasets.digits().split(0.2, ctx.rng()));
        Dataset train = split.train();
        Dataset test = split.test();
        ctx.heading("The same network with each: 64 -> " + HIDDEN + " -> " + HIDDEN + " -> 10 on the digits ("
                + train.size() + " train, " + test.size() + " test)");
        ctx.printf("Same initial weights (seed %d), plain SGD, learning rate %s, batches of %d, %d epochs.%n",
                ctx.seed(), LEARNING_RATE, BATCH, epochs);
        Map<String, double[]> losses = new LinkedHashMap<>();
        Map<String, Training.Curves> runs = new LinkedHashMap<>();
        Map<String, Double> firstLayerGradients = new LinkedHashMap<>();
        for (Activation a : ALL) {
            // A fresh generator with the same seed per model: every network starts from the same weights.
            MersenneTwister init = new MersenneTwister(ctx.seed());
            Layer model = new Sequential(new Dense(64, HIDDEN, init), a.layer().get(),
                    new Dense(HIDDEN, HIDDEN, init), a.layer().get(), new Dense(HIDDEN, 10, init));
            firstLayerGradients.put(a.name(), firstLayerGradient(model, train));
            SGD sgd = SGD.builder(model.parameters()).lr(LEARNING_RATE).build();
            Training.Curves c = Training.fit(ctx, a.name(), model, (out, b) -> Losses.crossEntropy(out, b.labels()),
                    sgd::step, train, test, BATCH, epochs, new MersenneTwister(ctx.seed()));
            runs.put(a.name(), c);
            losses.put(a.name(), c.trainLoss());
            String key = a.name().replace(" ", "");
            result.put(key + ".initialLoss", c.trainLoss()[0])
                    .put(key + ".finalLoss", c.finalTrainLoss())
                    .put(key + ".testAccuracy", c.finalTestAccuracy());
        }
        ctx.println("");
        ctx.printf("%-11s %16s %12s %12s %12s %14s%n", "activation", "mean |dL/dW1|", "loss before", "loss after",
                "train acc.", "test accuracy");
        for (Map.Entry<String, Training.Curves> e : runs.entrySet()) {
            Training.Curves c = e.getValue();
            ctx.printf("%-11s %16.2e %12.4f %12.4f %11.1f%% %13.1f%%%n", e.getKey(),
                    firstLayerGradients.get(e.getKey()), c.trainLoss()[0], c.finalTrainLoss(),
                    100 * c.finalTrainAccuracy(), 100 * c.finalTestAccuracy());
        }
        ctx.println("mean |dL/dW1| is the first layer's gradient at the start, over the whole training set: the");
        ctx.println("backward pass multiplies by f' at every layer, and sigmoid' <= 1/4 shrinks it most.");
        XYChart chart = Charts.lineChart("Training loss of the same network with each activation", "epoch",
                "cross-entropy on the training set");
        for (Map.Entry<String, double[]> e : losses.entrySet()) {
            Charts.addLine(chart, e.getKey(), Training.epochAxis(epochs + 1), e.getValue());
        }
        result.addFile(Charts.save(chart, ctx.file("activations-training.png")));
    }

    /** The mean absolute gradient of the loss w.r.t. the first layer's weights, over all of {@code data}. */
    private static double firstLayerGradient(Layer model, Dataset data) {
        Tensor w1 = ((Dense) ((Sequential) model).get(0)).weight();
        Tensor loss = Losses.crossEntropy(model.forward(data.features()), data.labels());
        return Autograd.grad(loss, List.of(w1), false).get(0).abs().mean().item();
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = Charts.lineChart(title, "x", yTitle);
        chart.getStyler().setXAxisMin(-5.0).setXAxisMax(5.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        return chart;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
