package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
    @TempDir
    Path dir;

    @Test
    void linesWritesAPngOfTheDefaultSize() throws Exception {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("train", new double[] {1.0, 0.5, 0.25, 0.2});
        series.put("test", new double[] {1.1, 0.7, 0.5, 0.45});
        Path file = Charts.lines(dir.resolve("loss.png"), "Loss", "epoch", "loss", series);
        BufferedImage image = TestSupport.assertImage(file);
        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());
    }

    @Test
    void decisionBoundaryColoursBothRegions() throws Exception {
        double[][] points = {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}};
        int[] labels = {0, 0, 1, 1};
        Path file = Charts.decisionBoundary(dir.resolve("boundary.png"), "x1 > 0", points, labels,
                grid -> Arrays.stream(grid).mapToDouble(p -> p[0] > 0 ? 0.9 : 0.1).toArray());
        BufferedImage image = TestSupport.assertImage(file);
        // Left and right of the middle of the plot lie in different predicted regions.
        int y = image.getHeight() / 2;
        assertNotEquals(image.getRGB(image.getWidth() / 4, y), image.getRGB(3 * image.getWidth() / 4, y));
    }

    @Test
    void mismatchedSeriesAreRejectedWithTheirLengths() {
        var chart = Charts.lineChart("t", "x", "y");
        var e = assertThrows(IllegalArgumentException.class,
                () -> Charts.addLine(chart, "s", new double[] {1, 2}, new double[] {1}));
        assertEquals(true, e.getMessage().contains("2 x and 1 y"), e.getMessage());
    }
}
