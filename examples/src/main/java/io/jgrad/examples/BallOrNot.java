package io.jgrad.examples;

import io.jgrad.nn.Dataset;
import io.jgrad.nn.Dense;
import io.jgrad.nn.Layer;
import io.jgrad.nn.Losses;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Adam;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * Tutorial {@code ball-or-not}: binary classification of 64 × 64 colour images, each flattened to
 * 12,288 inputs, from a seeded synthetic set (see {@link BallImages}). A linear model (logistic
 * regression, softmax over two classes) against one hidden layer of ReLU units.
 *
 * <pre>
 *   x = flatten(image) ∈ [0, 1]^12288     z = x W + b     p(ball) = softmax(z)₁
 *   hidden layer: a = relu(x W1 + b1), z = a W2 + b2
 * </pre>
 */
final class BallOrNot implements Command {
    static final int HIDDEN = 32;
    static final double LEARNING_RATE = 1e-3;
    static final int BATCH = 32;
    static final int SAMPLES = 4;
    static final int GRID_COLUMNS = 6;
    static final int GRID_ROWS = 2;

    @Override
    public String name() {
        return "ball-or-not";
    }

    @Override
    public String summary() {
        return "is there a ball in this 64x64 colour image? 12,288 inputs, synthetic seeded images, PNG samples";
    }

    @Override
    public Result run(RunContext ctx) {
        Result result = new Result();
        int trainSize = ctx.quick() ? 400 : 2000;
        int testSize = ctx.quick() ? 200 : 600;
        int epochs = ctx.quick() ? 5 : 6;
        RandomGenerator rng = ctx.rng();
        Dataset train = BallImages.generate(trainSize, rng);
        Dataset test = BallImages.generate(testSize, rng);
        ctx.heading("Ball or not: " + train.size() + " training and " + test.size() + " test images, 64 x 64 x 3 = "
                + BallImages.FEATURES + " inputs each");
        ctx.println("Half of the images show a ball (radius 5-14 pixels, anywhere, any colour that stands out);");
        ctx.println("all have a random background colour and gradient and pixel noise. Guessing scores 50%.");
        for (int i = 0; i < SAMPLES; i++) {
            String label = train.labels()[i] == 1 ? "ball" : "no-ball";
            result.addFile(writePng(BallImages.toImage(BallImages.row(train, i), 1),
                    ctx.file("ball-or-not-sample-" + (i + 1) + "-" + label + ".png")));
        }
        ctx.println("Each image is centred first (its mean colour subtracted from every pixel): the background's");
        ctx.println("colour says nothing about a ball, and uncentred it swamps the ball's few hundred pixels.");
        Dataset trainCentred = BallImages.centred(train);
        Dataset testCentred = BallImages.centred(test);
        ctx.printf("Adam, learning rate %s, batches of %d, %d epochs each.%n", LEARNING_RATE, BATCH, epochs);
        Map<String, Training.Curves> runs = new LinkedHashMap<>();
        MersenneTwister init = new MersenneTwister(ctx.seed());
        Layer linear = new Dense(BallImages.FEATURES, 2, init);
        runs.put("logistic regression", fit(ctx, "linear", linear, trainCentred, testCentred, epochs));
        Layer mlp = new Sequential(new Dense(BallImages.FEATURES, HIDDEN, init), new ReLU(), new Dense(HIDDEN, 2, init));
        runs.put("one hidden layer of " + HIDDEN, fit(ctx, "hidden layer", mlp, trainCentred, testCentred, epochs));
        ctx.println("");
        ctx.printf("%-26s %11s %11s %11s%n", "model", "weights", "train acc.", "test acc.");
        ctx.printf("%-26s %11d %10.1f%% %10.1f%%%n", "logistic regression", BallImages.FEATURES * 2 + 2,
                100 * runs.get("logistic regression").finalTrainAccuracy(),
                100 * runs.get("logistic regression").finalTestAccuracy());
        Training.Curves hidden = runs.get("one hidden layer of " + HIDDEN);
        ctx.printf("%-26s %11d %10.1f%% %10.1f%%%n", "one hidden layer of " + HIDDEN,
                (BallImages.FEATURES + 1) * HIDDEN + (HIDDEN + 1) * 2, 100 * hidden.finalTrainAccuracy(),
                100 * hidden.finalTestAccuracy());
        ctx.println("A linear model gives each pixel one fixed vote, but a ball can be anywhere and any colour, lighter");
        ctx.println("or darker than its background; hidden units can each look for a blob of colour somewhere.");
        result.put("linear.testAccuracy", runs.get("logistic regression").finalTestAccuracy())
                .put("hidden.trainAccuracy", hidden.finalTrainAccuracy())
                .put("hidden.testAccuracy", hidden.finalTestAccuracy());
        result.addFile(accuracyChart(ctx, runs));
        result.addFile(writePng(predictionGrid(mlp, test, testCentred), ctx.file("ball-or-not-predictions.png")));
        return result;
    }

    private static Training.Curves fit(RunContext ctx, String task, Layer model, Dataset train, Dataset test,
                                       int epochs) {
        Adam adam = Adam.builder(model.parameters()).lr(LEARNING_RATE).build();
        return Training.fit(ctx, task, model, (out, b) -> Losses.crossEntropy(out, b.labels()), adam::step, train,
                test, BATCH, epochs, new MersenneTwister(ctx.seed()));
    }

    private static Path accuracyChart(RunContext ctx, Map<String, Training.Curves> runs) {
        XYChart chart = Charts.lineChart("Ball or not: accuracy on the test images", "epoch", "test accuracy");
        for (Map.Entry<String, Training.Curves> e : runs.entrySet()) {
            Charts.addLine(chart, e.getKey(), Training.epochAxis(e.getValue().epochs() + 1), e.getValue().testAccuracy());
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        return Charts.save(chart, ctx.file("ball-or-not.png"));
    }

    /**
     * The first test images at twice their size, each captioned with the model's p(ball) and framed
     * green where the prediction is right, red where it is wrong.
     *
     * @param test     the images as they look (values in [0, 1])
     * @param centred  the same images as the model reads them
     */
    static BufferedImage predictionGrid(Layer model, Dataset test, Dataset centred) {
        int count = Math.min(GRID_COLUMNS * GRID_ROWS, test.size());
        int scale = 2;
        int cell = BallImages.SIZE * scale;
        int pad = 6;
        int caption = 18;
        int width = GRID_COLUMNS * (cell + 2 * pad);
        int height = GRID_ROWS * (cell + 2 * pad + caption);
        double[] p = Training.probabilityOfClass1(model, centred.rows(IntStream.range(0, count).toArray()).features());
        BufferedImage grid = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < count; i++) {
            int x = (i % GRID_COLUMNS) * (cell + 2 * pad);
            int y = (i / GRID_COLUMNS) * (cell + 2 * pad + caption);
            boolean right = (p[i] >= 0.5 ? 1 : 0) == test.labels()[i];
            g.setColor(right ? new Color(0x2E, 0xA0, 0x4A) : new Color(0xC0, 0x39, 0x2B));
            g.setStroke(new BasicStroke(4f));
            g.drawRect(x + 2, y + 2, cell + 2 * pad - 4, cell + 2 * pad - 4);
            g.drawImage(BallImages.toImage(BallImages.row(test, i), scale), x + pad, y + pad, null);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%s  p(ball) %.2f", test.labels()[i] == 1 ? "ball" : "no ball",
                    p[i]), x + pad, y + cell + 2 * pad + caption - 5);
        }
        g.dispose();
        return grid;
    }

    /** Writes {@code image} as a PNG file with ImageIO and returns the file. */
    static Path writePng(BufferedImage image, Path file) {
        try {
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("writePng: no PNG writer in this JDK's ImageIO");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writePng: cannot write " + file + "; check the folder is writable (--out DIR)",
                    e);
        }
        return file;
    }
}
