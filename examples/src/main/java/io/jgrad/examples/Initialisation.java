package io.jgrad.examples;

import io.jgrad.core.Autograd;
import io.jgrad.core.Tensor;
import io.jgrad.nn.Dataset;
import io.jgrad.nn.Dense;
import io.jgrad.nn.Init;
import io.jgrad.nn.Layer;
import io.jgrad.nn.Losses;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.Sigmoid;
import io.jgrad.optim.SGD;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.knowm.xchart.XYChart;

/**
 * Tutorial {@code initialisation}: the same deep ReLU network on the digits started four ways, and
 * why all-zero weights cannot work.
 *
 * <pre>
 *   zeros           W = 0                        every hidden unit computes the same thing
 *   N(0, 0.01)      W ~ N(0, 0.01²)              signals shrink layer by layer
 *   Xavier/Glorot   W ~ N(0, 2 / (fanIn + fanOut))   keeps the variance for tanh-like units
 *   He/Kaiming      W ~ N(0, 2 / fanIn)          keeps the variance through ReLU (which zeroes half)
 * </pre>
 * Biases start at zero in every case.
 */
final class Initialisation implements Command {
    static final int WIDTH = 64;
    static final int DEPTH = 2;
    static final double LEARNING_RATE = 0.05;
    static final int BATCH = 32;
    static final int SYMMETRY_HIDDEN = 16;

    /** One way to draw the weights; {@code key} prefixes its numbers in the {@link Result}. */
    record Scheme(String name, String key, Init weights) {
    }

    static final List<Scheme> SCHEMES = List.of(
            new Scheme("zeros", "zeros", Init.zeros()),
            new Scheme("N(0, 0.01)", "normal", Init.normal(0.01)),
            new Scheme("Xavier", "xavier", Init.xavierNormal()),
            new Scheme("He", "he", Init.heNormal()));

    @Override
    public String name() {
        return "initialisation";
    }

    @Override
    public String summary() {
        return "zeros, N(0, 0.01), Xavier, He: why zeros keep every hidden unit identical; loss curves side by side";
    }

    @Override
    public Result run(RunContext ctx) {
        Result result = new Result();
        Dataset.Split split = Datasets.standardised(Datasets.digits().split(0.2, ctx.rng()));
        Dataset train = split.train();
        Dataset test = split.test();
        compare(ctx, result, train, test);
        symmetry(ctx, result, train, test);
        return result;
    }

    /** Trains the deep ReLU network from each scheme; prints signal sizes and results, draws the curves. */
    private static void compare(RunContext ctx, Result result, Dataset train, Dataset test) {
        int epochs = ctx.quick() ? 5 : 25;
        ctx.heading("A ReLU network 64 -> " + (WIDTH + " -> ").repeat(DEPTH) + "10 on the digits, started four ways");
        ctx.printf("Plain SGD, learning rate %s, batches of %d, %d epochs; the same shuffling for each.%n",
                LEARNING_RATE, BATCH, epochs);
        ctx.println("Standard deviation of each hidden layer's output at the start (the signal going forward):");
        Map<Scheme, Sequential> models = new LinkedHashMap<>();
        for (Scheme s : SCHEMES) {
            Sequential model = reluNetwork(s.weights(), new MersenneTwister(ctx.seed()));
            double[] spread = hiddenStd(model, train.features());
            ctx.printf("  %-11s", s.name());
            for (double v : spread) {
                ctx.printf(" %10.2e", v);
            }
            ctx.println("");
            result.put(s.key() + ".lastHiddenStd", spread[spread.length - 1]);
            models.put(s, model);
        }
        Map<String, double[]> losses = new LinkedHashMap<>();
        List<String> rows = new ArrayList<>();
        for (Map.Entry<Scheme, Sequential> e : models.entrySet()) {
            Scheme s = e.getKey();
            Sequential model = e.getValue();
            SGD sgd = SGD.builder(model.parameters()).lr(LEARNING_RATE).build();
            Training.Curves c = Training.fit(ctx, s.name(), model, (out, b) -> Losses.crossEntropy(out, b.labels()),
                    sgd::step, train, test, BATCH, epochs, new MersenneTwister(ctx.seed()));
            losses.put(s.name(), c.trainLoss());
            double maxWeight = maxWeight(model);
            rows.add(String.format(Locale.ROOT, "%-11s %12.4f %12.4f %13.1f%% %18.4g", s.name(),
                    c.trainLoss()[0], c.finalTrainLoss(), 100 * c.finalTestAccuracy(), maxWeight));
            result.put(s.key() + ".initialLoss", c.trainLoss()[0]).put(s.key() + ".finalLoss", c.finalTrainLoss())
                    .put(s.key() + ".testAccuracy", c.finalTestAccuracy()).put(s.key() + ".maxWeightAfter", maxWeight);
        }
        ctx.println("");
        ctx.printf("%-11s %12s %12s %14s %18s%n", "init", "loss before", "loss after", "test accuracy",
                "largest |W| after");
        rows.forEach(ctx::println);
        ctx.printf("ln 10 = %.4f is the loss of a uniform guess over ten classes.%n", Math.log(10));
        XYChart chart = Charts.lineChart("The same network from four initialisations", "epoch",
                "cross-entropy on the training set");
        for (Map.Entry<String, double[]> e : losses.entrySet()) {
            Charts.addLine(chart, e.getKey(), Training.epochAxis(epochs + 1), e.getValue());
        }
        result.addFile(Charts.save(chart, ctx.file("initialisation.png")));
    }

    /**
     * All-zero weights in a sigmoid network: the weights do move (sigmoid(0) = 1/2 is not zero), but
     * every hidden unit gets the same gradient, so they stay copies of one another.
     */
    private static void symmetry(RunContext ctx, Result result, Dataset train, Dataset test) {
        int epochs = ctx.quick() ? 3 : 10;
        ctx.heading("Zeros: the symmetry never breaks");
        ctx.println("In the ReLU network above, zero weights give zero hidden outputs and relu'(0) = 0: nothing but the");
        ctx.println("last bias ever changes. With sigmoid units the weights do move, yet every hidden unit stays a copy:");
        ctx.println("unit j computes sigmoid(x . W1[:, j] + b1[j]); equal columns give equal outputs, equal outputs and");
        ctx.println("equal outgoing weights W2[j, :] give equal gradients, so the columns stay equal after each step.");
        MersenneTwister rng = new MersenneTwister(ctx.seed());
        Dense hidden = new Dense(64, SYMMETRY_HIDDEN, Init.zeros(), Init.zeros(), rng);
        Dense output = new Dense(SYMMETRY_HIDDEN, 10, Init.zeros(), Init.zeros(), rng);
        Layer model = new Sequential(hidden, new Sigmoid(), output);
        SGD sgd = SGD.builder(model.parameters()).lr(LEARNING_RATE).build();
        Training.Curves c = Training.fit(ctx, "zeros, sigmoid", model, (out, b) -> Losses.crossEntropy(out, b.labels()),
                sgd::step, train, test, BATCH, epochs, new MersenneTwister(ctx.seed()));
        double moved = hidden.weight().abs().max().item();
        double spread = unitSpread(hidden, output);
        ctx.printf("64 -> %d sigmoid -> 10, all zeros, %d epochs (%d steps): loss %.4f -> %.4f, test accuracy %.1f%%%n",
                SYMMETRY_HIDDEN, epochs, c.steps(), c.trainLoss()[0], c.finalTrainLoss(), 100 * c.finalTestAccuracy());
        ctx.printf("largest |W1| after training:                       %.4g   (the weights moved)%n", moved);
        ctx.printf("largest difference between any two hidden units:   %.4g   (W1 columns, b1, W2 rows)%n", spread);
        ctx.printf("so the %d hidden units are %d unit%n", SYMMETRY_HIDDEN, spread == 0 ? 1 : SYMMETRY_HIDDEN);
        // Pixel 0 is blank in every digit, so its weights never move; pixels 1 to 3 show the copies.
        ctx.println("First-layer weights of hidden units 0, 1 and 15 for pixels 1 to 3:");
        for (int i = 1; i <= 3; i++) {
            ctx.printf("  pixel %d: %12.8f %12.8f %12.8f%n", i, hidden.weight().get(i, 0), hidden.weight().get(i, 1),
                    hidden.weight().get(i, SYMMETRY_HIDDEN - 1));
        }
        result.put("symmetry.maxWeight", moved).put("symmetry.unitSpread", spread)
                .put("symmetry.testAccuracy", c.finalTestAccuracy());
    }

    /** 64 → WIDTH → ... → 10 with ReLU between, weights by {@code weights} and biases zero. */
    static Sequential reluNetwork(Init weights, RandomGenerator rng) {
        List<Layer> layers = new ArrayList<>();
        int in = 64;
        for (int d = 0; d < DEPTH; d++) {
            layers.add(new Dense(in, WIDTH, weights, Init.zeros(), rng));
            layers.add(new ReLU());
            in = WIDTH;
        }
        layers.add(new Dense(in, 10, weights, Init.zeros(), rng));
        return new Sequential(layers.toArray(new Layer[0]));
    }

    /** The largest |w| over the weights (not the biases) of every Dense layer of {@code model}. */
    static double maxWeight(Sequential model) {
        double worst = 0;
        for (Layer layer : model.layers()) {
            if (layer instanceof Dense dense) {
                worst = Math.max(worst, dense.weight().abs().max().item());
            }
        }
        return worst;
    }

    /** The standard deviation of every hidden ReLU layer's output for input {@code x}. */
    static double[] hiddenStd(Sequential model, Tensor x) {
        double[] std = new double[DEPTH];
        try (var scope = Autograd.noGrad()) {
            Tensor a = x;
            int hidden = 0;
            for (Layer layer : model.layers()) {
                a = layer.forward(a);
                if (layer instanceof ReLU) {
                    Tensor centred = a.sub(a.mean());
                    std[hidden++] = centred.mul(centred).mean().sqrt().item();
                }
            }
        }
        return std;
    }

    /**
     * The largest difference between hidden unit j and unit 0 over all j: incoming weights
     * {@code W1[:, j]}, bias {@code b1[j]} and outgoing weights {@code W2[j, :]}. Zero means every
     * unit is an exact copy of the first.
     */
    static double unitSpread(Dense hidden, Dense next) {
        double worst = 0;
        int units = hidden.outFeatures();
        for (int j = 1; j < units; j++) {
            for (int i = 0; i < hidden.inFeatures(); i++) {
                worst = Math.max(worst, Math.abs(hidden.weight().get(i, j) - hidden.weight().get(i, 0)));
            }
            worst = Math.max(worst, Math.abs(hidden.bias().get(j) - hidden.bias().get(0)));
            for (int k = 0; k < next.outFeatures(); k++) {
                worst = Math.max(worst, Math.abs(next.weight().get(j, k) - next.weight().get(0, k)));
            }
        }
        return worst;
    }
}
