package io.jgrad.examples;

import io.jgrad.core.Tensor;
import io.jgrad.nn.Dataset;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Seeded synthetic colour images, {@value #SIZE} × {@value #SIZE} pixels, half of them with a ball.
 *
 * <p>Every image has a background of a random colour with a gentle linear gradient in a random
 * direction, and Gaussian noise on every pixel. An image of class 1 also shows a shaded ball (lit
 * from a random side, with a soft edge) of random radius, position and colour; the ball's colour
 * differs clearly from the background's, as a ball a person could see. An image is stored the way a
 * network reads it: one row of 12,288 values in [0, 1], channel-last (pixel by pixel, r, g, b), and
 * a set of images is a {@link Dataset} with labels 1 (ball) and 0 (no ball).
 */
final class BallImages {
    static final int SIZE = 64;
    static final int CHANNELS = 3;
    static final int FEATURES = SIZE * SIZE * CHANNELS;
    static final double MIN_RADIUS = 5;
    static final double MAX_RADIUS = 14;
    static final double NOISE = 0.06;
    /** Smallest RGB distance between the ball's colour and the background's (the largest is √3). */
    static final double MIN_CONTRAST = 0.35;

    private BallImages() {
    }

    /** {@code n} images as rows of a [n, 12288] tensor, classes alternating 1, 0, 1, 0, ... (balanced). */
    static Dataset generate(int n, RandomGenerator rng) {
        double[] x = new double[n * FEATURES];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2 == 0 ? 1 : 0;
            System.arraycopy(image(y[i] == 1, rng), 0, x, i * FEATURES, FEATURES);
        }
        return new Dataset(Tensor.of(x, n, FEATURES), Tensor.of(y, n), List.of("no ball", "ball"));
    }

    /** Image {@code i} of {@code d} as a row of {@link #FEATURES} values (a copy). */
    static double[] row(Dataset d, int i) {
        return Arrays.copyOfRange(d.features().data(), i * FEATURES, (i + 1) * FEATURES);
    }

    /** One image as a row of {@link #FEATURES} values, with or without the ball. */
    static double[] image(boolean ball, RandomGenerator rng) {
        double[] background = colour(rng);
        double angle = 2 * Math.PI * rng.nextDouble();
        double slope = 0.3 * rng.nextDouble() / SIZE;
        double gx = slope * Math.cos(angle);
        double gy = slope * Math.sin(angle);
        // Everything is drawn whether or not the ball is painted, so that the same generator state
        // gives the same background and noise with and without the ball.
        double[] ballColour = contrasting(background, rng);
        double radius = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * rng.nextDouble();
        double cx = radius + (SIZE - 1 - 2 * radius) * rng.nextDouble();
        double cy = radius + (SIZE - 1 - 2 * radius) * rng.nextDouble();
        double lightAngle = 2 * Math.PI * rng.nextDouble();
        double lx = 0.6 * Math.cos(lightAngle);
        double ly = 0.6 * Math.sin(lightAngle);
        double lz = 0.8;
        double[] pixels = new double[FEATURES];
        for (int row = 0; row < SIZE; row++) {
            for (int col = 0; col < SIZE; col++) {
                double tilt = gx * (col - SIZE / 2.0) + gy * (row - SIZE / 2.0);
                double coverage = 0;
                double shade = 0;
                if (ball) {
                    double dx = (col - cx) / radius;
                    double dy = (row - cy) / radius;
                    double d = Math.sqrt(dx * dx + dy * dy);
                    // A one-pixel soft edge, as a camera would blur it.
                    coverage = Math.min(1, Math.max(0, (radius - d * radius) + 0.5));
                    double nz = Math.sqrt(Math.max(0, 1 - d * d));
                    // Lambert shading of a sphere: 35% ambient light, the rest from the light's side.
                    shade = 0.35 + 0.65 * Math.max(0, dx * lx + dy * ly + nz * lz);
                }
                int at = (row * SIZE + col) * CHANNELS;
                for (int c = 0; c < CHANNELS; c++) {
                    double v = background[c] + tilt;
                    if (coverage > 0) {
                        v = (1 - coverage) * v + coverage * ballColour[c] * shade;
                    }
                    pixels[at + c] = clamp(v + NOISE * rng.nextGaussian());
                }
            }
        }
        return pixels;
    }

    /** The same images with each image's mean of each colour channel subtracted from that channel. */
    static Dataset centred(Dataset d) {
        double[] x = d.features().toArray();
        for (int i = 0; i < d.size(); i++) {
            int start = i * FEATURES;
            for (int c = 0; c < CHANNELS; c++) {
                double mean = 0;
                for (int j = start + c; j < start + FEATURES; j += CHANNELS) {
                    mean += x[j];
                }
                mean /= SIZE * SIZE;
                for (int j = start + c; j < start + FEATURES; j += CHANNELS) {
                    x[j] -= mean;
                }
            }
        }
        return d.withFeatures(Tensor.of(x, d.size(), FEATURES));
    }

    /** A row of {@link #FEATURES} values in [0, 1] as an RGB picture, each pixel {@code scale} × {@code scale}. */
    static BufferedImage toImage(double[] pixels, int scale) {
        BufferedImage image = new BufferedImage(SIZE * scale, SIZE * scale, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < SIZE * scale; row++) {
            for (int col = 0; col < SIZE * scale; col++) {
                int at = ((row / scale) * SIZE + col / scale) * CHANNELS;
                int rgb = (byteOf(pixels[at]) << 16) | (byteOf(pixels[at + 1]) << 8) | byteOf(pixels[at + 2]);
                image.setRGB(col, row, rgb);
            }
        }
        return image;
    }

    private static double[] colour(RandomGenerator rng) {
        return new double[] {0.1 + 0.8 * rng.nextDouble(), 0.1 + 0.8 * rng.nextDouble(), 0.1 + 0.8 * rng.nextDouble()};
    }

    /** A colour at least {@link #MIN_CONTRAST} away from {@code background} (redrawn until it is). */
    private static double[] contrasting(double[] background, RandomGenerator rng) {
        while (true) {
            double[] c = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
            double d2 = 0;
            for (int i = 0; i < CHANNELS; i++) {
                d2 += (c[i] - background[i]) * (c[i] - background[i]);
            }
            if (d2 >= MIN_CONTRAST * MIN_CONTRAST) {
                return c;
            }
        }
    }

    private static double clamp(double v) {
        return Math.min(1, Math.max(0, v));
    }

    private static int byteOf(double v) {
        return (int) Math.round(255 * clamp(v));
    }
}
