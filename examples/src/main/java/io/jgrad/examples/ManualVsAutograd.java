package io.jgrad.examples;

import io.jgrad.core.Tensor;
import java.awt.BasicStroke;
import java.awt.Color;
import io.jgrad.examples.TwoLayerNet.Grads;
import io.jgrad.examples.TwoLayerNet.Output;
import io.jgrad.examples.TwoLayerNet.Params;
import io.jgrad.nn.Dataset;
import org.knowm.xchart.XYChart;

/**
 * Tutorial {@code manual-vs-autograd}: the two-layer network's hand-derived gradients (see
 * {@link TwoLayerNet}) against the engine's, on the iris flowers; in the batch-first form, in the
 * one-example-per-column form of lecture notes (the transposes of the same numbers), and with a
 * softmax output layer. Then both gradients train the same network, step for step.
 */
final class ManualVsAutograd implements Command {
    static final int HIDDEN = 8;
    static final double LEARNING_RATE = 0.5;

    @Override
    public String name() {
        return "manual-vs-autograd";
    }

    @Override
    public String summary() {
        return "a 2-layer network's hand-derived backprop (rows and columns, sigmoid and softmax) vs autograd";
    }

    @Override
    public Result run(RunContext ctx) {
        Result result = new Result();
        Dataset iris = standardisedIris();
        Tensor x = iris.features();
        Tensor y = virginica(iris);
        Params p = TwoLayerNet.init(ctx.rng(), x.shape().dim(1), HIDDEN, 1);
        ctx.printf("Iris flowers: X is [%d, %d] (one flower per row), Y is 1 for virginica, hidden layer of %d%n",
                iris.size(), iris.numFeatures(), HIDDEN);

        double batchFirst = compareBatchFirst(ctx, p, x, y, Output.SIGMOID);
        result.put("maxDifferenceSigmoid", batchFirst);

        ctx.heading("One example per column: Z1 = W1 X + b1, X is [n, m], W1 is [h, n]");
        Params pc = p.toColumns();
        Tensor xc = x.transpose();
        Tensor yc = y.transpose();
        Grads columns = TwoLayerNet.byHandColumns(pc, xc, yc, Output.SIGMOID);
        Grads batch = TwoLayerNet.byHand(p, x, y, Output.SIGMOID);
        ctx.println("dW1 = dZ1 X^T / m is [h, n]: it is the transpose of the batch-first dW1 = X^T dZ1 / m.");
        double transposes = table(ctx, "column form by hand, transposed", columns.fromColumns(), "batch-first by hand", batch);
        Grads columnsAuto = TwoLayerNet.autograd(TwoLayerNet.lossColumns(pc, xc, yc, Output.SIGMOID), pc);
        double columnsVsAuto = table(ctx, "column form by hand", columns, "column form by autograd", columnsAuto);
        result.put("maxDifferenceTransposes", transposes).put("maxDifferenceColumns", columnsVsAuto);

        ctx.heading("Softmax output over the three species, cross-entropy loss");
        ctx.println("With softmax + cross-entropy, dZ2 = A2 - Y again (Y one-hot): the same formulas apply.");
        Tensor y3 = oneHot(iris);
        Params p3 = TwoLayerNet.init(ctx.rng(), x.shape().dim(1), HIDDEN, 3);
        double softmax = compareBatchFirst(ctx, p3, x, y3, Output.SOFTMAX);
        result.put("maxDifferenceSoftmax", softmax);

        trainBoth(ctx, result, p3, x, y3);
        result.put("maxDifference", Math.max(Math.max(batchFirst, transposes), Math.max(columnsVsAuto, softmax)));
        return result;
    }

    /** Prints hand-derived vs engine gradients of the batch-first network; returns the largest difference. */
    static double compareBatchFirst(RunContext ctx, Params p, Tensor x, Tensor y, Output output) {
        ctx.heading("Batch-first: Z1 = X W1 + b1, A1 = relu(Z1), Z2 = A1 W2 + b2, A2 = "
                + (output == Output.SOFTMAX ? "softmax(Z2)" : "sigmoid(Z2)"));
        ctx.println("by hand: dZ2 = A2 - Y, dW2 = A1^T dZ2 / m, db2 = sum dZ2 / m,");
        ctx.println("         dZ1 = dZ2 W2^T * 1{Z1 > 0}, dW1 = X^T dZ1 / m, db1 = sum dZ1 / m");
        Grads hand = TwoLayerNet.byHand(p, x, y, output);
        Tensor loss = TwoLayerNet.loss(p, x, y, output);
        ctx.printf("loss = %.6f%n", loss.item());
        Grads auto = TwoLayerNet.autograd(loss, p);
        return table(ctx, "by hand", hand, "autograd", auto);
    }

    /** Prints one line per parameter with both gradients' shape and their largest difference. */
    private static double table(RunContext ctx, String left, Grads a, String right, Grads b) {
        ctx.printf("  %-4s %-10s %-10s max |%s - %s|%n", "", "shape", "shape", left, right);
        for (int i = 0; i < 4; i++) {
            Tensor ga = a.list().get(i);
            Tensor gb = b.list().get(i);
            ctx.printf("  %-4s %-10s %-10s %.3g%n", TwoLayerNet.NAMES.get(i), ga.shape(), gb.shape(),
                    TwoLayerNet.maxAbsDifference(ga, gb));
        }
        double worst = a.maxDifference(b);
        ctx.printf("  largest difference: %.3g%n", worst);
        return worst;
    }

    /** Gradient descent twice from the same start, once with each gradient; the loss curves coincide. */
    private static void trainBoth(RunContext ctx, Result result, Params start, Tensor x, Tensor y) {
        int steps = ctx.quick() ? 60 : 300;
        ctx.heading("Training with each: " + steps + " steps of gradient descent, learning rate " + LEARNING_RATE);
        Params byHand = start;
        Params byEngine = start;
        double[] handLoss = new double[steps];
        double[] engineLoss = new double[steps];
        for (int s = 0; s < steps; s++) {
            handLoss[s] = TwoLayerNet.loss(byHand, x, y, Output.SOFTMAX).item();
            byHand = byHand.minus(TwoLayerNet.byHand(byHand, x, y, Output.SOFTMAX), LEARNING_RATE);
            Tensor loss = TwoLayerNet.loss(byEngine, x, y, Output.SOFTMAX);
            engineLoss[s] = loss.item();
            byEngine = byEngine.minus(TwoLayerNet.autograd(loss, byEngine), LEARNING_RATE);
        }
        double params = 0;
        for (int i = 0; i < 4; i++) {
            params = Math.max(params, TwoLayerNet.maxAbsDifference(byHand.list().get(i), byEngine.list().get(i)));
        }
        ctx.printf("loss: %.6f -> %.6f (hand-derived) and %.6f -> %.6f (autograd)%n",
                handLoss[0], handLoss[steps - 1], engineLoss[0], engineLoss[steps - 1]);
        ctx.printf("largest difference between the two trained networks' parameters: %.3g%n", params);
        result.put("finalLoss", engineLoss[steps - 1]).put("maxParamDifferenceAfterTraining", params);
        XYChart chart = Charts.lineChart("Two-layer softmax network on iris: the same loss curve twice", "step",
                "cross-entropy (log scale)");
        chart.getStyler().setYAxisLogarithmic(true).setXAxisMin(0.0);
        Charts.addLine(chart, "hand-derived gradients", Charts.steps(steps), handLoss)
                .setLineWidth(7f).setLineColor(new Color(0x9E, 0xC3, 0xF0));
        Charts.addLine(chart, "autograd gradients (dashed, on top)", Charts.steps(steps), engineLoss)
                .setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {8f, 6f}, 0f)).setLineColor(new Color(0xC0, 0x4A, 0x10));
        result.addFile(Charts.save(chart, ctx.file("manual-vs-autograd.png")));
    }

    /** Iris with every feature standardised (all 150 flowers: this tutorial checks gradients, not accuracy). */
    static Dataset standardisedIris() {
        Dataset iris = Datasets.iris();
        return Datasets.standardised(new Dataset.Split(iris, iris)).train();
    }

    /** [m, 1]: 1 for virginica, 0 for the other species. */
    static Tensor virginica(Dataset iris) {
        double[] y = new double[iris.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = iris.labels()[i] == 2 ? 1 : 0;
        }
        return Tensor.of(y, y.length, 1);
    }

    /** [m, classes] with a 1 in each row's label column. */
    static Tensor oneHot(Dataset d) {
        double[] y = new double[d.size() * d.numClasses()];
        for (int i = 0; i < d.size(); i++) {
            y[i * d.numClasses() + d.labels()[i]] = 1;
        }
        return Tensor.of(y, d.size(), d.numClasses());
    }
}
