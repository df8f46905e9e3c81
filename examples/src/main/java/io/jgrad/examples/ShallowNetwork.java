package io.jgrad.examples;

import io.jgrad.core.Autograd;
import io.jgrad.core.Tensor;
import io.jgrad.nn.Losses;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Tutorial {@code shallow-network}: two concentric rings of points, which no straight line
 * separates. Logistic regression ({@code sigmoid(X w + b)}) can only draw a line and stays near
 * chance; one hidden layer of tanh units ({@code sigmoid(tanh(X W1 + b1) W2 + b2)}) bends the
 * boundary into a closed curve and classifies almost every point.
 */
final class ShallowNetwork implements Command {
    static final int HIDDEN = 8;
    static final double LEARNING_RATE = 1.0;

    @Override
    public String name() {
        return "shallow-network";
    }

    @Override
    public String summary() {
        return "concentric circles: logistic regression fails, one hidden layer succeeds (decision boundaries)";
    }

    @Override
    public Result run(RunContext ctx) {
        Result result = new Result();
        RandomGenerator rng = ctx.rng();
        int perClass = ctx.quick() ? 150 : 250;
        int iterations = ctx.quick() ? 400 : 1500;
        Circles data = Circles.generate(rng, perClass, 0.1);
        Tensor x = Tensor.of(data.points());
        Tensor y = data.yColumn();
        ctx.printf("%d points on two noisy concentric circles (radius 1: class 0, radius 0.5: class 1);%n"
                + "full-batch gradient descent, learning rate %.1f, %d iterations each%n",
                data.labels().length, LEARNING_RATE, iterations);

        ctx.heading("Logistic regression: a = sigmoid(X w + b)");
        Tensor w = Tensor.randn(rng, 2, 1).mul(0.01).requiresGrad(true);
        Tensor b = Tensor.zeros(1).requiresGrad(true);
        List<Tensor> linear = List.of(w, b);
        double linearLoss = train(ShallowNetwork::linearLogits, linear, x, y, iterations);
        double linearAccuracy = accuracy(ShallowNetwork::linearLogits, linear, x, data.labels());
        ctx.printf("final loss %.4f, accuracy %.1f%% (a line cannot enclose the inner circle)%n",
                linearLoss, 100 * linearAccuracy);
        result.addFile(Charts.decisionBoundary(ctx.file("shallow-logistic.png"),
                String.format(Locale.ROOT, "Logistic regression: %.1f%% correct", 100 * linearAccuracy),
                data.points(), data.labels(), probability(linear, ShallowNetwork::linearLogits)));

        ctx.heading("One hidden layer of " + HIDDEN + " tanh units: a = sigmoid(tanh(X W1 + b1) W2 + b2)");
        List<Tensor> hidden = List.of(Tensor.randn(rng, 2, HIDDEN).requiresGrad(true),
                Tensor.zeros(HIDDEN).requiresGrad(true),
                Tensor.randn(rng, HIDDEN, 1).mul(0.5).requiresGrad(true),
                Tensor.zeros(1).requiresGrad(true));
        double hiddenLoss = train(ShallowNetwork::hiddenLogits, hidden, x, y, iterations);
        double hiddenAccuracy = accuracy(ShallowNetwork::hiddenLogits, hidden, x, data.labels());
        ctx.printf("final loss %.4f, accuracy %.1f%%%n", hiddenLoss, 100 * hiddenAccuracy);
        result.addFile(Charts.decisionBoundary(ctx.file("shallow-hidden.png"),
                String.format(Locale.ROOT, "One hidden layer (%d tanh units): %.1f%% correct", HIDDEN,
                        100 * hiddenAccuracy),
                data.points(), data.labels(), probability(hidden, ShallowNetwork::hiddenLogits)));
        return result.put("logisticAccuracy", linearAccuracy).put("hiddenAccuracy", hiddenAccuracy);
    }

    /** Points on two rings with Gaussian noise; labels 1 for the inner ring. */
    record Circles(double[][] points, int[] labels) {
        static Circles generate(RandomGenerator rng, int perClass, double noise) {
            double[][] points = new double[2 * perClass][];
            int[] labels = new int[2 * perClass];
            for (int i = 0; i < points.length; i++) {
                labels[i] = i % 2;
                double radius = labels[i] == 1 ? 0.5 : 1.0;
                double angle = 2 * Math.PI * rng.nextDouble();
                points[i] = new double[] {radius * Math.cos(angle) + noise * rng.nextGaussian(),
                        radius * Math.sin(angle) + noise * rng.nextGaussian()};
            }
            return new Circles(points, labels);
        }

        Tensor yColumn() {
            double[] y = new double[labels.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = labels[i];
            }
            return Tensor.of(y, y.length, 1);
        }
    }

    /** The model's logits given its parameters and the points. */
    private interface Model {
        Tensor logits(List<Tensor> params, Tensor x);
    }

    static Tensor linearLogits(List<Tensor> p, Tensor x) {
        return x.matmul(p.get(0)).add(p.get(1));
    }

    static Tensor hiddenLogits(List<Tensor> p, Tensor x) {
        return x.matmul(p.get(0)).add(p.get(1)).tanh().matmul(p.get(2)).add(p.get(3));
    }

    /** Full-batch gradient descent on the mean cross-entropy; returns the final loss. */
    private static double train(Model model, List<Tensor> params, Tensor x, Tensor y, int iterations) {
        double loss = Double.NaN;
        for (int it = 0; it < iterations; it++) {
            Tensor l = Losses.bceWithLogits(model.logits(params, x), y);
            loss = l.item();
            GradientDescent.step(params, Autograd.grad(l, params, false), LEARNING_RATE);
        }
        return loss;
    }

    private static double accuracy(Model model, List<Tensor> params, Tensor x, int[] labels) {
        try (var scope = Autograd.noGrad()) {
            double[] z = model.logits(params, x).data();
            int correct = 0;
            for (int i = 0; i < z.length; i++) {
                correct += (z[i] > 0 ? 1 : 0) == labels[i] ? 1 : 0;
            }
            return (double) correct / z.length;
        }
    }

    /** The trained model as a {@link Charts.Classifier}, for drawing its decision regions. */
    private static Charts.Classifier probability(List<Tensor> params, Model model) {
        return points -> {
            try (var scope = Autograd.noGrad()) {
                return model.logits(params, Tensor.of(points)).sigmoid().toArray();
            }
        };
    }
}
