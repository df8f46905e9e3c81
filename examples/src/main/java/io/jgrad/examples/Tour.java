package io.jgrad.examples;

import io.jgrad.core.GraphDot;
import io.jgrad.core.Tensor;
import io.jgrad.nn.Accuracy;
import io.jgrad.nn.Batch;
import io.jgrad.nn.Dataset;
import io.jgrad.nn.Dense;
import io.jgrad.nn.Layer;
import io.jgrad.nn.Losses;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.Trainer;
import io.jgrad.nn.TrainingListener;
import io.jgrad.optim.Adam;
import io.jgrad.optim.Optimizer;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The {@code tour}: the chain rule on scalars, the textbook two-layer network's hand-derived
 * gradients beside the engine's, and a multi-layer perceptron trained on handwritten digits with a
 * progress bar, its loss curve as a chart and one training step's graph as Graphviz DOT.
 */
final class Tour implements Command {
    static final int HIDDEN = 64;
    static final int BATCH_SIZE = 32;
    static final double LEARNING_RATE = 1e-3;

    @Override
    public String name() {
        return "tour";
    }

    @Override
    public String summary() {
        return "the main demo: chain rule, hand-derived vs autograd backprop, an MLP on handwritten digits";
    }

    @Override
    public Result run(RunContext ctx) throws Exception {
        Result result = new Result();
        ctx.println("jgrad tour: files go to " + ctx.outDir().toAbsolutePath().normalize());

        ctx.heading("Part 1 of 3. The chain rule, by hand and by autograd");
        double chain = Math.max(ChainRule.polynomial(ctx), ChainRule.threeAPlusBC(ctx));
        result.put("chainRuleMaxDifference", chain);

        ctx.heading("Part 2 of 3. The textbook two-layer network: hand-written backprop vs the engine");
        Dataset iris = ManualVsAutograd.standardisedIris();
        Tensor x = iris.features();
        Tensor y = ManualVsAutograd.virginica(iris);
        TwoLayerNet.Params p = TwoLayerNet.init(ctx.rng(), iris.numFeatures(), ManualVsAutograd.HIDDEN, 1);
        double backprop = ManualVsAutograd.compareBatchFirst(ctx, p, x, y, TwoLayerNet.Output.SIGMOID);
        ctx.printf("largest difference between the hand-written formulas and autograd: %.3g%n", backprop);
        result.put("backpropMaxDifference", backprop);

        ctx.heading("Part 3 of 3. A multi-layer perceptron on 8x8 handwritten digits");
        trainDigits(ctx, result);
        return result;
    }

    private static void trainDigits(RunContext ctx, Result result) throws Exception {
        RandomGenerator rng = ctx.rng();
        Dataset.Split split = Datasets.standardised(Datasets.digits().split(0.2, rng));
        Dataset train = split.train();
        Dataset test = split.test();
        int epochs = ctx.quick() ? 10 : 20;
        Layer model = new Sequential(new Dense(64, HIDDEN, rng), new ReLU(), new Dense(HIDDEN, 10, rng));
        Optimizer optimizer = Adam.builder(model.parameters()).lr(LEARNING_RATE).build();
        ctx.printf("%d training and %d test images; model 64 -> %d (ReLU) -> 10, softmax cross-entropy;%n"
                + "Adam, learning rate %.0e, mini-batches of %d, %d epochs%n",
                train.size(), test.size(), HIDDEN, LEARNING_RATE, BATCH_SIZE, epochs);

        double[] trainLoss = new double[epochs];
        double[] testLoss = new double[epochs];
        List<TrainingListener.Epoch> history;
        try (Progress bar = ctx.progress("training", (long) epochs * train.batches(BATCH_SIZE).count())) {
            Trainer trainer = Trainer.builder(model)
                    .loss((out, batch) -> Losses.crossEntropy(out, batch.labels()))
                    .step(optimizer::step)
                    .epochs(epochs)
                    .accuracy(Accuracy.argmax())
                    .validation(test.batches(256))
                    .listener(new TrainingListener() {
                        @Override
                        public void onStep(Step step) {
                            bar.step(String.format(Locale.ROOT, "epoch %d, loss %.4f", step.epoch(), step.loss()));
                        }

                        @Override
                        public void onEpoch(Epoch epoch) {
                            trainLoss[epoch.epoch() - 1] = epoch.loss();
                            testLoss[epoch.epoch() - 1] = epoch.validationLoss();
                        }
                    })
                    .build();
            history = trainer.fit(train.batches(BATCH_SIZE, rng));
        }
        TrainingListener.Epoch last = history.get(history.size() - 1);
        ctx.printf("after %d epochs: training accuracy %.2f%%, test accuracy %.2f%% (%d test images)%n",
                epochs, 100 * last.accuracy(), 100 * last.validationAccuracy(), test.size());
        result.put("testAccuracy", last.validationAccuracy()).put("trainAccuracy", last.accuracy());

        Map<String, double[]> curves = new LinkedHashMap<>();
        curves.put("training loss", trainLoss);
        curves.put("test loss", testLoss);
        result.addFile(Charts.lines(ctx.file("tour-loss.png"), "MLP on handwritten digits", "epoch",
                "softmax cross-entropy", curves));

        // One more forward pass, recorded, to draw the graph a training step differentiates.
        Batch batch = train.batches(BATCH_SIZE).iterator().next();
        Tensor loss = Losses.crossEntropy(model.forward(batch.x()), batch.labels());
        Map<Tensor, String> names = new IdentityHashMap<>();
        model.namedParameters().forEach((name, tensor) -> names.put(tensor, name));
        ctx.heading("The graph of one training step (forward pass whose backward gives every gradient)");
        for (Path f : Graphviz.write(ctx, "tour-graph", GraphDot.toDot(loss, names))) {
            result.addFile(f);
        }
    }
}
