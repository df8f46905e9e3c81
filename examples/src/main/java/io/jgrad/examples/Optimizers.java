package io.jgrad.examples;

import io.jgrad.core.Tensor;
import io.jgrad.nn.Dataset;
import io.jgrad.nn.Dense;
import io.jgrad.nn.Layer;
import io.jgrad.nn.Losses;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Adam;
import io.jgrad.optim.Momentum;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.RMSprop;
import io.jgrad.optim.SGD;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.math3.random.MersenneTwister;
import org.knowm.xchart.XYChart;

/**
 * Tutorial {@code optimizers}: one network on the digits, from the same initial weights, trained by
 * six update rules for the same number of epochs (passes over the training set).
 *
 * <pre>
 *   gradient descent      w ← w − lr·g                   g over the whole training set: 1 step per epoch
 *   mini-batch SGD        w ← w − lr·g                   g over 32 examples: ⌈n/32⌉ steps per epoch
 *   SGD with momentum     v ← μv + g,  w ← w − lr·v      (PyTorch's SGD momentum)
 *   momentum (EMA)        m ← βm + (1−β)g,  w ← w − lr·m/(1−βᵗ)   (bias-corrected)
 *   RMSprop               s ← αs + (1−α)g²,  w ← w − lr·g/(√s + ε)
 *   Adam                  m and s as above, both bias-corrected: w ← w − lr·m̂/(√ŝ + ε)
 * </pre>
 */
final class Optimizers implements Command {
    static final int HIDDEN = 32;
    static final int BATCH = 32;

    /**
     * One contender: a name, a key for its numbers in the {@link Result}, its learning rate, its
     * batch size (0 for the whole training set) and how to build it for a model's parameters.
     */
    record Contender(String name, String key, double lr, int batch, Function<List<Tensor>, Optimizer> build) {
    }

    static List<Contender> contenders() {
        return List.of(
                new Contender("gradient descent", "gd", 0.5, 0, p -> SGD.builder(p).lr(0.5).build()),
                new Contender("mini-batch SGD", "sgd", 0.05, BATCH, p -> SGD.builder(p).lr(0.05).build()),
                new Contender("SGD + momentum 0.9", "sgdMomentum", 0.01, BATCH,
                        p -> SGD.builder(p).lr(0.01).momentum(0.9).build()),
                // lr 0.1 = 0.01 / (1 − 0.9): PyTorch's v sums gradients, about 1/(1 − β) times the average m.
                new Contender("momentum, bias-corrected", "momentum", 0.1, BATCH,
                        p -> Momentum.builder(p).lr(0.1).beta(0.9).build()),
                new Contender("RMSprop", "rmsprop", 0.001, BATCH, p -> RMSprop.builder(p).lr(0.001).alpha(0.99).build()),
                new Contender("Adam", "adam", 0.001, BATCH, p -> Adam.builder(p).lr(0.001).build()));
    }

    @Override
    public String name() {
        return "optimizers";
    }

    @Override
    public String summary() {
        return "gradient descent, mini-batch SGD, momentum (two kinds), RMSprop, Adam on one network: loss per epoch";
    }

    @Override
    public Result run(RunContext ctx) {
        Result result = new Result();
        int epochs = ctx.quick() ? 4 : 20;
        Dataset.Split split = Datasets.standardised(Datasets.digits().split(0.2, ctx.rng()));
        Dataset train = split.train();
        Dataset test = split.test();
        ctx.heading("64 -> " + HIDDEN + " ReLU -> 10 on the digits (" + train.size() + " training examples), "
                + epochs + " epochs each");
        ctx.println("An epoch is one pass over the training set; a step is one update of the weights. Gradient");
        ctx.printf("descent takes 1 step per epoch (its gradient averages all %d examples); the others take one step%n",
                train.size());
        ctx.printf("per batch of %d, so %d steps per epoch, each from a noisier gradient. Per epoch all do the%n",
                BATCH, (train.size() + BATCH - 1) / BATCH);
        ctx.println("same arithmetic, so the curves below compare them at equal cost.");
        Map<String, double[]> losses = new LinkedHashMap<>();
        Map<String, Training.Curves> runs = new LinkedHashMap<>();
        for (Contender c : contenders()) {
            MersenneTwister init = new MersenneTwister(ctx.seed());
            Layer model = new Sequential(new Dense(64, HIDDEN, init), new ReLU(), new Dense(HIDDEN, 10, init));
            Optimizer opt = c.build().apply(model.parameters());
            int batch = c.batch() == 0 ? train.size() : c.batch();
            Training.Curves curves = Training.fit(ctx, c.name(), model,
                    (out, b) -> Losses.crossEntropy(out, b.labels()), opt::step, train, test, batch, epochs,
                    new MersenneTwister(ctx.seed()));
            runs.put(c.name(), curves);
            losses.put(c.name(), curves.trainLoss());
            result.put(c.key() + ".initialLoss", curves.trainLoss()[0])
                    .put(c.key() + ".finalLoss", curves.finalTrainLoss())
                    .put(c.key() + ".testAccuracy", curves.finalTestAccuracy())
                    .put(c.key() + ".steps", curves.steps());
        }
        table(ctx, runs);
        ctx.println("The two momentum rules differ in scale and start. PyTorch's v is a sum that settles near g/(1 - mu),");
        ctx.println("10 times the average m, so lr 0.01 there matches lr 0.1 here. But v starts at g, so its first steps");
        ctx.println("are about 10 times smaller until it builds up; the bias-corrected m/(1 - beta^t) is full size from");
        ctx.println("step 1. That is the gap after epoch 1; later the two curves run side by side.");
        XYChart chart = Charts.lineChart("Six optimizers, the same network and start", "epoch",
                "cross-entropy on the training set (log scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        // XChart's default palette draws series 2 and 6 in two close shades of yellow.
        chart.getStyler().setSeriesColors(new Color[] {new Color(0x1F, 0x4E, 0x9A), new Color(0xE6, 0x9F, 0x00),
            new Color(0x8E, 0x44, 0xAD), new Color(0x2E, 0xA0, 0x4A), new Color(0xC0, 0x39, 0x2B), Color.BLACK});
        for (Map.Entry<String, double[]> e : losses.entrySet()) {
            Charts.addLine(chart, e.getKey(), Training.epochAxis(epochs + 1), e.getValue());
        }
        result.addFile(Charts.save(chart, ctx.file("optimizers.png")));
        return result;
    }

    private static void table(RunContext ctx, Map<String, Training.Curves> runs) {
        ctx.println("");
        ctx.printf("%-25s %7s %6s %7s %12s %12s %12s %9s%n", "optimizer", "lr", "batch", "steps", "loss before",
                "after 1 ep.", "loss after", "test acc.");
        for (Contender c : contenders()) {
            Training.Curves r = runs.get(c.name());
            ctx.printf("%-25s %7s %6s %7d %12.4f %12.4f %12.4f %8.1f%%%n", c.name(), c.lr(),
                    c.batch() == 0 ? "all" : Integer.toString(c.batch()), r.steps(), r.trainLoss()[0],
                    r.trainLoss()[1], r.finalTrainLoss(), 100 * r.finalTestAccuracy());
        }
    }
}
