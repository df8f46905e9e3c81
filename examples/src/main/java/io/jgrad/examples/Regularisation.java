package io.jgrad.examples;

import io.jgrad.core.Tensor;
import io.jgrad.nn.Batch;
import io.jgrad.nn.Dataset;
import io.jgrad.nn.Dense;
import io.jgrad.nn.Dropout;
import io.jgrad.nn.Layer;
import io.jgrad.nn.Losses;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Adam;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * Tutorial {@code regularisation}: a network with far more weights than training points learns a
 * small, noisy 2-D sample by heart, flipped labels included (high training accuracy, test accuracy
 * well below), then an L2 penalty and dropout narrow the gap.
 *
 * <pre>
 *   L2         J = cross-entropy + λ/2 Σ‖W‖²       (gradient + λW: the weights decay towards 0)
 *   dropout    a ← a ⊙ mask / (1 − p), mask_i ~ Bernoulli(1 − p), in training only
 * </pre>
 */
final class Regularisation implements Command {
    static final int TRAIN_SIZE = 150;
    static final int TEST_SIZE = 500;
    static final double LABEL_NOISE = 0.1;
    static final int HIDDEN = 64;
    static final double LAMBDA = 0.003;
    static final double DROPOUT = 0.5;
    static final double LEARNING_RATE = 0.01;
    static final int BATCH = 16;
    static final int EPOCHS = 400;
    static final int EPOCHS_QUICK = 250;

    /** One way to train the same network: with or without a penalty and dropout. */
    record Variant(String name, String key, double lambda, double dropout) {
    }

    static final List<Variant> VARIANTS = List.of(
            new Variant("no regularisation", "none", 0, 0),
            new Variant("L2, lambda " + LAMBDA, "l2", LAMBDA, 0),
            new Variant("dropout, p " + DROPOUT, "dropout", 0, DROPOUT));

    @Override
    public String name() {
        return "regularisation";
    }

    @Override
    public String summary() {
        return "a big network over-fits 150 noisy points; L2 and dropout narrow the train/test gap";
    }

    @Override
    public Result run(RunContext ctx) {
        Result result = new Result();
        int epochs = ctx.quick() ? EPOCHS_QUICK : EPOCHS;
        RandomGenerator rng = ctx.rng();
        Dataset train = noisyWave(TRAIN_SIZE, rng);
        Dataset test = noisyWave(TEST_SIZE, rng);
        ctx.heading("Two classes in the plane, split by the wave x2 = 0.5 sin(pi x1), with "
                + Math.round(100 * LABEL_NOISE) + "% of the labels flipped");
        ctx.printf("%d training points, %d test points. %d test labels are flipped, so even the true wave scores%n",
                train.size(), test.size(), flipped(test));
        double ceiling = 1 - (double) flipped(test) / test.size();
        ctx.printf("%.1f%% on the test set: no model can be expected to do better.%n", 100 * ceiling);
        ctx.printf("Network 2 -> %d -> %d -> 2 (ReLU): %d weights for %d points. Adam, learning rate %s,%n", HIDDEN,
                HIDDEN, 2 * HIDDEN + HIDDEN * HIDDEN + 2 * HIDDEN, train.size(), LEARNING_RATE);
        ctx.printf("batches of %d, %d epochs.%n", BATCH, epochs);
        Map<Variant, Training.Curves> runs = new LinkedHashMap<>();
        for (Variant v : VARIANTS) {
            Sequential model = network(v, ctx.seed());
            Training.Curves c = train(ctx, v, model, train, test, epochs);
            runs.put(v, c);
            result.put(v.key() + ".trainAccuracy", c.finalTrainAccuracy())
                    .put(v.key() + ".testAccuracy", c.finalTestAccuracy())
                    .put(v.key() + ".gap", c.finalGap())
                    .put(v.key() + ".testLoss", c.testLoss()[epochs]);
            result.addFile(boundary(ctx, v, model, train));
        }
        result.put("ceiling", ceiling);
        ctx.println("");
        ctx.printf("%-20s %11s %11s %9s %11s %11s%n", "", "train acc.", "test acc.", "gap", "train loss", "test loss");
        for (Map.Entry<Variant, Training.Curves> e : runs.entrySet()) {
            Training.Curves c = e.getValue();
            ctx.printf("%-20s %10.1f%% %10.1f%% %8.1f%% %11.4f %11.4f%n", e.getKey().name(),
                    100 * c.finalTrainAccuracy(), 100 * c.finalTestAccuracy(), 100 * c.finalGap(), c.finalTrainLoss(),
                    c.testLoss()[epochs]);
        }
        ctx.println("The losses are the cross-entropy alone (without the L2 term), measured with dropout off.");
        result.addFile(chart(ctx, runs, true));
        result.addFile(chart(ctx, runs, false));
        return result;
    }

    /**
     * {@code n} points uniform in [-1, 1]², class 1 above the wave x2 = 0.5 sin(π x1), each label then
     * flipped with probability {@link #LABEL_NOISE}.
     */
    static Dataset noisyWave(int n, RandomGenerator rng) {
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = 2 * rng.nextDouble() - 1;
            x[2 * i + 1] = 2 * rng.nextDouble() - 1;
            y[i] = trueClass(x[2 * i], x[2 * i + 1]) ^ (rng.nextDouble() < LABEL_NOISE ? 1 : 0);
        }
        return new Dataset(Tensor.of(x, n, 2), Tensor.of(y, n), List.of("below", "above"));
    }

    /** The class the wave itself gives the point (x1, x2): 1 above it, 0 below. */
    static int trueClass(double x1, double x2) {
        return x2 > 0.5 * Math.sin(Math.PI * x1) ? 1 : 0;
    }

    /** How many labels of {@code d} disagree with the wave (were flipped). */
    static int flipped(Dataset d) {
        int count = 0;
        for (int i = 0; i < d.size(); i++) {
            count += d.labels()[i] != trueClass(d.features().get(i, 0), d.features().get(i, 1)) ? 1 : 0;
        }
        return count;
    }

    /** 2 → HIDDEN → HIDDEN → 2 with ReLU, and dropout after each hidden layer if {@code v} asks for it. */
    static Sequential network(Variant v, long seed) {
        MersenneTwister init = new MersenneTwister(seed);
        List<Layer> layers = new ArrayList<>();
        int in = 2;
        for (int i = 0; i < 2; i++) {
            layers.add(new Dense(in, HIDDEN, init));
            layers.add(new ReLU());
            if (v.dropout() > 0) {
                layers.add(new Dropout(v.dropout(), seed + i));
            }
            in = HIDDEN;
        }
        layers.add(new Dense(in, 2, init));
        return new Sequential(layers.toArray(new Layer[0]));
    }

    /** Trains {@code model} with cross-entropy, plus λ/2 Σ‖W‖² over its weights when {@code v} has a λ. */
    private static Training.Curves train(RunContext ctx, Variant v, Sequential model, Dataset train, Dataset test,
                                         int epochs) {
        // The penalty covers the weights only: decaying the biases towards 0 does not simplify the model.
        List<Tensor> weights = new ArrayList<>();
        for (Layer layer : model.layers()) {
            if (layer instanceof Dense dense) {
                weights.add(dense.weight());
            }
        }
        BiFunction<Tensor, Batch, Tensor> loss = v.lambda() > 0
                ? (out, b) -> Losses.crossEntropy(out, b.labels()).add(Losses.l2(weights, v.lambda()))
                : (out, b) -> Losses.crossEntropy(out, b.labels());
        Adam adam = Adam.builder(model.parameters()).lr(LEARNING_RATE).build();
        return Training.fit(ctx, v.name(), model, loss, adam::step, train, test, BATCH, epochs,
                new MersenneTwister(ctx.seed()));
    }

    /** The regions the trained model assigns to each class, under the training points. */
    private static Path boundary(RunContext ctx, Variant v, Layer model, Dataset train) {
        double[][] points = new double[train.size()][];
        for (int i = 0; i < points.length; i++) {
            points[i] = new double[] {train.features().get(i, 0), train.features().get(i, 1)};
        }
        return Charts.decisionBoundary(ctx.file("regularisation-" + v.key() + ".png"),
                v.name() + ": decision regions and training points", points, train.labels(),
                grid -> Training.probabilityOfClass1(model, Tensor.of(grid)));
    }

    /** Training (dashed) and test (solid) accuracy, or loss, of every variant, one colour per variant. */
    private static Path chart(RunContext ctx, Map<Variant, Training.Curves> runs, boolean accuracy) {
        String what = accuracy ? "accuracy" : "loss";
        XYChart chart = Charts.lineChart("Training (dashed) and test (solid) " + what, "epoch",
                accuracy ? "accuracy" : "cross-entropy");
        Color[] colours = {new Color(0xC0, 0x39, 0x2B), new Color(0x1F, 0x4E, 0x9A), new Color(0x2E, 0xA0, 0x4A)};
        BasicStroke dashed = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {6f, 4f}, 0f);
        int i = 0;
        for (Map.Entry<Variant, Training.Curves> e : runs.entrySet()) {
            Training.Curves c = e.getValue();
            double[] x = Training.epochAxis(c.epochs() + 1);
            double[] trainCurve = accuracy ? c.trainAccuracy() : c.trainLoss();
            double[] testCurve = accuracy ? c.testAccuracy() : c.testLoss();
            Charts.addLine(chart, e.getKey().name() + ", train", x, trainCurve)
                    .setLineColor(colours[i]).setLineStyle(dashed);
            Charts.addLine(chart, e.getKey().name() + ", test", x, testCurve).setLineColor(colours[i]);
            i++;
        }
        // Beside the plot, the legend hides no curve.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return Charts.save(chart, ctx.file("regularisation-" + what + ".png"));
    }
}
