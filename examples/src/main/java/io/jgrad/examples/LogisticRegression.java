package io.jgrad.examples;

import io.jgrad.core.Autograd;
import io.jgrad.core.Tensor;
import io.jgrad.nn.Dataset;
import io.jgrad.nn.Losses;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.util.MathArrays;

/**
 * Tutorial {@code logistic-regression}: the breast-cancer data (30 measurements per cell nucleus,
 * malignant or benign) classified by {@code a = sigmoid(x·w + b)}, trained by gradient descent on
 * the mean cross-entropy three ways that compute the same numbers:
 * <ol>
 *   <li>loops over examples and features with the hand-derived gradient
 *       {@code dw_j = Σ_i (a_i − y_i) x_ij / m}, {@code db = Σ_i (a_i − y_i) / m};</li>
 *   <li>vectorised by hand: {@code A = sigmoid(X w + b)}, {@code dw = Xᵀ (A − Y) / m};</li>
 *   <li>vectorised, with the gradient from autograd ({@code Autograd.grad(loss, [w, b])}).</li>
 * </ol>
 */
final class LogisticRegression implements Command {
    static final double LEARNING_RATE = 0.5;
    static final int FOLDS = 5;

    @Override
    public String name() {
        return "logistic-regression";
    }

    @Override
    public String summary() {
        return "breast-cancer classifier: loops vs vectorised vs autograd, timed, test accuracy";
    }

    @Override
    public Result run(RunContext ctx) {
        Result result = new Result();
        Dataset.Split split = Datasets.standardised(Datasets.breastCancer().split(0.2, ctx.rng()));
        Dataset train = split.train();
        Dataset test = split.test();
        // Chosen from the mean test accuracy over 60 random splits (see docs/logistic-regression.md):
        // a few hundred iterations generalise best; many more slowly over-fit the 455 examples.
        int iterations = ctx.quick() ? 100 : 200;
        ctx.printf("Breast cancer: %d training and %d test nuclei, %d standardised features; %d iterations of"
                + " gradient descent, learning rate %.2f%n", train.size(), test.size(), train.numFeatures(),
                iterations, LEARNING_RATE);

        // Each version runs once untimed first, so that the timings compare compiled code, not the JIT.
        int warmUp = 20;
        trainWithLoops(train, new double[train.numFeatures() + 1], warmUp);
        trainVectorised(train, Weights.zeros(train.numFeatures()), warmUp, false, NO_HOOK);
        trainVectorised(train, Weights.zeros(train.numFeatures()), warmUp, true, NO_HOOK);

        ctx.heading("1. Loops over examples and features, gradient by hand");
        long t0 = System.nanoTime();
        double[] loopW = new double[train.numFeatures() + 1];
        double[] loopLoss = trainWithLoops(train, loopW, iterations);
        double loopMillis = (System.nanoTime() - t0) / 1e6;
        ctx.printf("%.1f ms, final training loss %.6f%n", loopMillis, loopLoss[iterations - 1]);

        ctx.heading("2. Vectorised by hand: A = sigmoid(X w + b), dw = X^T (A - Y) / m, db = sum(A - Y) / m");
        t0 = System.nanoTime();
        Weights hand = Weights.zeros(train.numFeatures());
        double[] handLoss = trainVectorised(train, hand, iterations, false, NO_HOOK);
        double handMillis = (System.nanoTime() - t0) / 1e6;
        ctx.printf("%.1f ms, final training loss %.6f%n", handMillis, handLoss[iterations - 1]);

        ctx.heading("3. Vectorised, gradient by autograd: Autograd.grad(loss, [w, b])");
        t0 = System.nanoTime();
        Weights auto = Weights.zeros(train.numFeatures());
        double[] autoLoss = trainVectorised(train, auto, iterations, true, NO_HOOK);
        double autoMillis = (System.nanoTime() - t0) / 1e6;
        ctx.printf("%.1f ms, final training loss %.6f%n", autoMillis, autoLoss[iterations - 1]);

        double loopVsHand = TwoLayerNet.maxAbsDifference(Tensor.of(loopW), hand.asVector());
        double handVsAuto = TwoLayerNet.maxAbsDifference(hand.asVector(), auto.asVector());
        ctx.heading("Same model three times");
        ctx.printf("largest weight difference: loops vs vectorised %.3g, vectorised vs autograd %.3g%n",
                loopVsHand, handVsAuto);
        ctx.printf("time: loops %.1f ms, vectorised %.1f ms, autograd %.1f ms (one run each, after a warm-up)%n",
                loopMillis, handMillis, autoMillis);
        double trainAccuracy = auto.accuracy(train);
        double testAccuracy = auto.accuracy(test);
        ctx.printf("accuracy on this split: training %.2f%%, test %.2f%% (%d test nuclei)%n",
                100 * trainAccuracy, 100 * testAccuracy, test.size());
        double[] folds = crossValidate(Datasets.breastCancer(), FOLDS, iterations, ctx);
        double cv = Arrays.stream(folds).average().orElseThrow();
        ctx.printf("%d-fold cross-validation (every nucleus tested once, by a model that never saw it):%n", FOLDS);
        ctx.printf("  fold accuracies %s, mean %.2f%%%n", percentages(folds), 100 * cv);
        result.put("loopMillis", loopMillis).put("vectorisedMillis", handMillis).put("autogradMillis", autoMillis)
                .put("maxWeightDifference", Math.max(loopVsHand, handVsAuto))
                .put("trainAccuracy", trainAccuracy).put("testAccuracy", testAccuracy)
                .put("crossValidatedAccuracy", cv);

        // The chart's run also measures the test loss after every iteration (not timed).
        Tensor xTest = test.features();
        Tensor yTest = column(test);
        double[] testLoss = new double[iterations];
        double[] trainLoss = trainVectorised(train, Weights.zeros(train.numFeatures()), iterations, true,
                (it, w) -> testLoss[it] = w.loss(xTest, yTest));
        Map<String, double[]> curves = new LinkedHashMap<>();
        curves.put("training loss", trainLoss);
        curves.put("test loss", testLoss);
        result.addFile(Charts.lines(ctx.file("logistic-regression.png"),
                "Logistic regression on breast cancer", "iteration", "mean cross-entropy", curves));
        return result;
    }

    /**
     * Test accuracy of each of {@code k} folds: the model is trained (loop version, standardised on
     * the other folds) on all examples but the fold's and tested on the fold's.
     */
    static double[] crossValidate(Dataset data, int k, int iterations, RunContext ctx) {
        int[] order = new int[data.size()];
        Arrays.setAll(order, i -> i);
        MathArrays.shuffle(order, ctx.rng());
        double[] accuracies = new double[k];
        for (int fold = 0; fold < k; fold++) {
            int from = fold * order.length / k;
            int to = (fold + 1) * order.length / k;
            int[] testRows = Arrays.copyOfRange(order, from, to);
            int[] trainRows = new int[order.length - testRows.length];
            System.arraycopy(order, 0, trainRows, 0, from);
            System.arraycopy(order, to, trainRows, from, order.length - to);
            Dataset.Split split = Datasets.standardised(new Dataset.Split(data.rows(trainRows), data.rows(testRows)));
            double[] w = new double[data.numFeatures() + 1];
            trainWithLoops(split.train(), w, iterations);
            accuracies[fold] = loopAccuracy(w, split.test());
        }
        return accuracies;
    }

    /** Fraction of {@code d} classified correctly by the loop version's weights (bias last). */
    static double loopAccuracy(double[] w, Dataset d) {
        int f = d.numFeatures();
        double[] x = d.features().data();
        int correct = 0;
        for (int i = 0; i < d.size(); i++) {
            double z = w[f];
            for (int j = 0; j < f; j++) {
                z += w[j] * x[i * f + j];
            }
            correct += (z > 0 ? 1 : 0) == d.labels()[i] ? 1 : 0;
        }
        return (double) correct / d.size();
    }

    private static String percentages(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f%%", 100 * v));
        }
        return sb.toString();
    }

    /**
     * Gradient descent with explicit loops; {@code w} holds the weights and, last, the bias. Returns
     * the loss before each iteration.
     */
    static double[] trainWithLoops(Dataset train, double[] w, int iterations) {
        int m = train.size();
        int f = train.numFeatures();
        double[] x = train.features().data();
        int[] y = train.labels();
        double[] losses = new double[iterations];
        double[] dw = new double[f];
        for (int it = 0; it < iterations; it++) {
            Arrays.fill(dw, 0);
            double db = 0;
            double loss = 0;
            for (int i = 0; i < m; i++) {
                double z = w[f];
                for (int j = 0; j < f; j++) {
                    z += w[j] * x[i * f + j];
                }
                double a = 1 / (1 + Math.exp(-z));
                loss -= y[i] == 1 ? Math.log(a) : Math.log(1 - a);
                double dz = a - y[i];
                for (int j = 0; j < f; j++) {
                    dw[j] += x[i * f + j] * dz;
                }
                db += dz;
            }
            losses[it] = loss / m;
            for (int j = 0; j < f; j++) {
                w[j] -= LEARNING_RATE * dw[j] / m;
            }
            w[f] -= LEARNING_RATE * db / m;
        }
        return losses;
    }

    /** The 0/1 labels as a column [m, 1], the shape of the model's output. */
    static Tensor column(Dataset d) {
        return d.targets().reshape(d.size(), 1);
    }

    /** Called before each iteration of {@link #trainVectorised} with the iteration and the weights. */
    @FunctionalInterface
    interface IterationHook {
        void before(int iteration, Weights weights);
    }

    static final IterationHook NO_HOOK = (it, w) -> { };

    /** Gradient descent with tensor operations, the gradient by hand or by autograd; returns the losses. */
    static double[] trainVectorised(Dataset train, Weights weights, int iterations, boolean useAutograd,
                                    IterationHook hook) {
        Tensor x = train.features();
        Tensor y = column(train);
        double m = train.size();
        double[] losses = new double[iterations];
        for (int it = 0; it < iterations; it++) {
            hook.before(it, weights);
            Tensor z = x.matmul(weights.w).add(weights.b);
            Tensor loss = Losses.bceWithLogits(z, y);
            losses[it] = loss.item();
            List<Tensor> grads;
            if (useAutograd) {
                grads = Autograd.grad(loss, List.of(weights.w, weights.b), false);
            } else {
                try (var scope = Autograd.noGrad()) {
                    Tensor dz = z.sigmoid().sub(y);
                    grads = List.of(x.transpose().matmul(dz).div(m), dz.sum(0, false).div(m));
                }
            }
            weights.step(grads, LEARNING_RATE);
        }
        return losses;
    }

    /** The parameters w [f, 1] and b [1] of the vectorised versions. */
    static final class Weights {
        private final Tensor w;
        private final Tensor b;

        private Weights(Tensor w, Tensor b) {
            this.w = w;
            this.b = b;
        }

        static Weights zeros(int features) {
            return new Weights(Tensor.zeros(features, 1).requiresGrad(true), Tensor.zeros(1).requiresGrad(true));
        }

        /** w ← w − lr·dw, b ← b − lr·db. */
        void step(List<Tensor> grads, double lr) {
            GradientDescent.step(List.of(w, b), grads, lr);
        }

        /** The weights followed by the bias, like the loop version's array. */
        Tensor asVector() {
            double[] v = Arrays.copyOf(w.data(), w.size() + 1);
            v[w.size()] = b.item();
            return Tensor.of(v);
        }

        double accuracy(Dataset d) {
            try (var scope = Autograd.noGrad()) {
                double[] z = d.features().matmul(w).add(b).data();
                int correct = 0;
                for (int i = 0; i < z.length; i++) {
                    correct += (z[i] > 0 ? 1 : 0) == d.labels()[i] ? 1 : 0;
                }
                return (double) correct / z.length;
            }
        }

        /** The mean cross-entropy on examples {@code x} with labels {@code y} [m, 1], not recorded. */
        double loss(Tensor x, Tensor y) {
            try (var scope = Autograd.noGrad()) {
                return Losses.bceWithLogits(x.matmul(w).add(b), y).item();
            }
        }
    }
}
