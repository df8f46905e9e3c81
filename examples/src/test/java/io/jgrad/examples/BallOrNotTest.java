package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.Dataset;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BallOrNotTest {
    @TempDir
    Path dir;

    @Test
    void aHiddenLayerTellsBallsFromBackgroundsAndTheImagesAreWritten() throws Exception {
        TestSupport.Run run = TestSupport.quickRun(new BallOrNot(), dir);
        Result r = run.result();
        // Chance is 50%. On the quick run's 200 test images a guesser's accuracy has standard
        // deviation sqrt(0.25 / 200) = 3.5%, so 70% is more than 5 of them above chance. Seeds 42,
        // 1, 2 and 3 give 75-85% in the quick budget (400 training images, 5 epochs); the full run
        // (2,000 images) reaches 91%.
        assertTrue(r.get("hidden.testAccuracy") > 0.70, run.output());
        // A ball can be anywhere, lighter or darker: one linear vote per pixel does much worse.
        assertTrue(r.get("hidden.testAccuracy") > r.get("linear.testAccuracy") + 0.05, run.output());
        for (int i = 1; i <= BallOrNot.SAMPLES; i++) {
            String name = "ball-or-not-sample-" + i + "-" + (i % 2 == 1 ? "ball" : "no-ball") + ".png";
            BufferedImage image = TestSupport.assertImage(r.file(name));
            assertEquals(BallImages.SIZE, image.getWidth());
            assertEquals(BallImages.SIZE, image.getHeight());
        }
        TestSupport.assertImage(r.file("ball-or-not-predictions.png"));
        TestSupport.assertImage(r.file("ball-or-not.png"));
    }

    @Test
    void imagesAreSeededBalancedAndInRange() {
        Dataset a = BallImages.generate(6, new MersenneTwister(5));
        Dataset b = BallImages.generate(6, new MersenneTwister(5));
        assertArrayEquals(new int[] {1, 0, 1, 0, 1, 0}, a.labels());
        assertArrayEquals(new int[] {6, BallImages.FEATURES}, a.features().shape().dims());
        assertArrayEquals(a.features().data(), b.features().data());
        assertTrue(Arrays.stream(a.features().data()).allMatch(v -> v >= 0 && v <= 1));
    }

    /** From the same generator state, the image with the ball differs from the one without in a disc. */
    @Test
    void theBallIsADiscOfTheExpectedSizeOnTheSameBackground() {
        for (long seed = 0; seed < 20; seed++) {
            double[] with = BallImages.image(true, new MersenneTwister(seed));
            double[] without = BallImages.image(false, new MersenneTwister(seed));
            int minRow = BallImages.SIZE, maxRow = -1, minCol = BallImages.SIZE, maxCol = -1, changed = 0;
            for (int p = 0; p < BallImages.SIZE * BallImages.SIZE; p++) {
                boolean differs = false;
                for (int c = 0; c < BallImages.CHANNELS; c++) {
                    differs |= with[p * BallImages.CHANNELS + c] != without[p * BallImages.CHANNELS + c];
                }
                if (differs) {
                    changed++;
                    minRow = Math.min(minRow, p / BallImages.SIZE);
                    maxRow = Math.max(maxRow, p / BallImages.SIZE);
                    minCol = Math.min(minCol, p % BallImages.SIZE);
                    maxCol = Math.max(maxCol, p % BallImages.SIZE);
                }
            }
            int height = maxRow - minRow + 1, width = maxCol - minCol + 1;
            String where = "seed " + seed + ": " + changed + " pixels in a " + width + " x " + height + " box";
            // A disc with a soft edge: its box is square, between 2·5 and 2·14 + 2 pixels wide, and it
            // fills about pi/4 of the box.
            assertTrue(Math.abs(width - height) <= 1, where);
            assertTrue(width >= 2 * BallImages.MIN_RADIUS && width <= 2 * BallImages.MAX_RADIUS + 2, where);
            double fill = (double) changed / (width * height);
            assertTrue(Math.abs(fill - Math.PI / 4) < 0.08, where);
        }
    }

    @Test
    void centringRemovesEachChannelsMean() {
        Dataset centred = BallImages.centred(BallImages.generate(2, new MersenneTwister(1)));
        for (int i = 0; i < centred.size(); i++) {
            double[] x = BallImages.row(centred, i);
            for (int c = 0; c < BallImages.CHANNELS; c++) {
                double sum = 0;
                for (int j = c; j < x.length; j += BallImages.CHANNELS) {
                    sum += x[j];
                }
                assertEquals(0.0, sum / (BallImages.SIZE * BallImages.SIZE), 1e-12);
            }
        }
    }
}
