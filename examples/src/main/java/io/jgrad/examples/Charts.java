package io.jgrad.examples;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts as PNG files, drawn with XChart off-screen (no display needed).
 *
 * <p>The usual case is one call: {@link #lines(Path, String, String, String, Map)} for loss curves.
 * For anything else build the chart with {@link #lineChart}, add series with {@link #addLine} (or
 * XChart's own API: {@code chart.getStyler().setYAxisLogarithmic(true)}, ...), and write it with
 * {@link #save}. {@link #decisionBoundary} draws a 2-D classifier's regions under its data.
 */
public final class Charts {
    /** Default size in pixels: large enough to read, small enough to open anywhere. */
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    static {
        // Charts are files, never windows: without this AWT may look for a display and fail on CI.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /** An empty line chart in the house style: white background, legend inside the top right. */
    public static XYChart lineChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setPlotGridLinesVisible(true);
        return chart;
    }

    /** Adds a line without markers through the points {@code (x[i], y[i])}. */
    public static XYSeries addLine(XYChart chart, String name, double[] x, double[] y) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("Charts.addLine: series '" + name + "' needs as many x as y values"
                    + " and at least one point (got " + x.length + " x and " + y.length + " y)");
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        return series;
    }

    /** Adds points without a line through them (e.g. measured values beside a formula's curve). */
    public static XYSeries addPoints(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = addLine(chart, name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.CIRCLE);
        return series;
    }

    /**
     * Writes a line chart of each series against its index 1, 2, 3, ... (epochs, steps) to
     * {@code file} and returns {@code file}. Series keep the map's order (use a LinkedHashMap).
     */
    public static Path lines(Path file, String title, String xTitle, String yTitle, Map<String, double[]> series) {
        XYChart chart = lineChart(title, xTitle, yTitle);
        chart.getStyler().setXAxisMin(0.0);
        for (Map.Entry<String, double[]> s : series.entrySet()) {
            addLine(chart, s.getKey(), steps(s.getValue().length), s.getValue());
        }
        return save(chart, file);
    }

    /** The x values 1, 2, ..., n (epochs or steps) for a series of n values. */
    public static double[] steps(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    /** A two-class model of the plane, evaluated on many points at once (one forward pass). */
    @FunctionalInterface
    public interface Classifier {
        /** The probability of class 1 at each of the points [n][2]. */
        double[] probabilityOfClass1(double[][] points);
    }

    /**
     * Writes a two-class decision boundary: the plane coloured by the class the model picks
     * (probability of class 1 at least 0.5 or not), with the data points on top.
     *
     * @param points [n][2] coordinates
     * @param labels n labels, 0 or 1
     * @param model  the classifier, called once with every grid point
     */
    public static Path decisionBoundary(Path file, String title, double[][] points, int[] labels, Classifier model) {
        if (points.length != labels.length || points.length == 0) {
            throw new IllegalArgumentException("Charts.decisionBoundary: need one label per point and at least one point"
                    + " (got " + points.length + " points, " + labels.length + " labels)");
        }
        double[] box = boundingBox(points);
        int grid = 90;
        double[][] cells = new double[grid * grid][];
        for (int i = 0; i < grid; i++) {
            for (int j = 0; j < grid; j++) {
                cells[i * grid + j] = new double[] {box[0] + (box[1] - box[0]) * (i + 0.5) / grid,
                        box[2] + (box[3] - box[2]) * (j + 0.5) / grid};
            }
        }
        double[] p1 = model.probabilityOfClass1(cells);
        GridPoints region0 = new GridPoints(cells.length);
        GridPoints region1 = new GridPoints(cells.length);
        for (int c = 0; c < cells.length; c++) {
            (p1[c] >= 0.5 ? region1 : region0).add(cells[c][0], cells[c][1]);
        }
        GridPoints class0 = new GridPoints(points.length);
        GridPoints class1 = new GridPoints(points.length);
        for (int i = 0; i < points.length; i++) {
            (labels[i] == 1 ? class1 : class0).add(points[i][0], points[i][1]);
        }
        XYChart chart = new XYChartBuilder().width(700).height(700).title(title).xAxisTitle("x1").yAxisTitle("x2").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisMin(box[0]).setXAxisMax(box[1]).setYAxisMin(box[2]).setYAxisMax(box[3]);
        // XChart has one marker size per chart: squares of that size tile the 90 x 90 grid.
        chart.getStyler().setMarkerSize(8);
        region0.addTo(chart, "predicted 0", new Color(0xCF, 0xDF, 0xF5), SeriesMarkers.SQUARE);
        region1.addTo(chart, "predicted 1", new Color(0xF8, 0xDB, 0xC4), SeriesMarkers.SQUARE);
        class0.addTo(chart, "class 0", new Color(0x1F, 0x4E, 0x9A), SeriesMarkers.CIRCLE);
        class1.addTo(chart, "class 1", new Color(0xC0, 0x4A, 0x10), SeriesMarkers.DIAMOND);
        return save(chart, file);
    }

    /** Writes {@code chart} as a PNG image to {@code file} (its folder must exist) and returns {@code file}. */
    public static Path save(XYChart chart, Path file) {
        try (OutputStream os = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, os, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("Charts.save: cannot write " + file + "; check the folder exists and is"
                    + " writable (--out DIR)", e);
        }
        return file;
    }

    /** [xmin, xmax, ymin, ymax] of the points with a 10% margin. */
    private static double[] boundingBox(double[][] points) {
        double xmin = Double.POSITIVE_INFINITY, xmax = Double.NEGATIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY, ymax = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            xmin = Math.min(xmin, p[0]);
            xmax = Math.max(xmax, p[0]);
            ymin = Math.min(ymin, p[1]);
            ymax = Math.max(ymax, p[1]);
        }
        double mx = 0.1 * Math.max(xmax - xmin, 1e-9), my = 0.1 * Math.max(ymax - ymin, 1e-9);
        return new double[] {xmin - mx, xmax + mx, ymin - my, ymax + my};
    }

    /** Points collected for one scatter series. */
    private static final class GridPoints {
        private final double[] xs;
        private final double[] ys;
        private int n;

        GridPoints(int capacity) {
            xs = new double[capacity];
            ys = new double[capacity];
        }

        void add(double x, double y) {
            xs[n] = x;
            ys[n] = y;
            n++;
        }

        void addTo(XYChart chart, String name, Color color, Marker marker) {
            if (n == 0) {
                return;
            }
            XYSeries s = chart.addSeries(name, Arrays.copyOf(xs, n), Arrays.copyOf(ys, n));
            s.setMarker(marker);
            s.setMarkerColor(color);
        }
    }
}
