package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.Oracle;
import io.jgrad.core.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV loading of the shared data sets and of plain tables, and every bad-row error with file and line. */
class DataTest {
    @TempDir
    Path dir;

    static Path data(String name) {
        return Oracle.sharedDir().resolve("data").resolve(name);
    }

    @Test
    void loadsTheSharedDataSets() throws IOException {
        Dataset iris = Csv.readDataset(data("iris.csv"));
        assertEquals(150, iris.size());
        assertEquals(4, iris.numFeatures());
        assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classNames());
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, iris.features().indexSelect(0, 0).toArray(), 0);
        assertEquals(0, iris.labels()[0]);
        assertEquals(2, iris.labels()[149]);

        Dataset cancer = Csv.readDataset(data("breast_cancer.csv"));
        assertEquals(569, cancer.size());
        assertEquals(30, cancer.numFeatures());
        assertEquals(List.of("malignant", "benign"), cancer.classNames());
        assertEquals(17.99, cancer.features().get(0, 0), 0);

        Dataset digits = Csv.readDataset(data("digits.csv.gz"));
        assertEquals(1797, digits.size());
        assertEquals(64, digits.numFeatures());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), digits.classNames());
        assertEquals(0, digits.labels()[0]);
        assertEquals(5.0, digits.features().get(0, 2), 0);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private void assertBad(String content, String... parts) throws IOException {
        Path file = write("bad.csv", content);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.readDataset(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "\"" + e.getMessage() + "\" lacks \"" + p + "\"");
        }
    }

    @Test
    void badRowsNameFileAndLine() throws IOException {
        assertBad("3,2,a,b\n1,2,0\n1,2,3,1\n", ":3: expected 3 values, found 4");
        assertBad("1,2,0\n\n1,2\n", ":3: expected 3 values, found 2", "first row has 3");
        assertBad("2,2,a,b\n1,2,0\n1,x,1\n", ":3: column 2 is \"x\", not a number");
        assertBad("2,2,a,b\n1,2,0\nNaN,2,1\n", ":3: column 1 is \"NaN\"", "missing values");
        assertBad("1,2,0\n1,1e999,1\n", ":2: column 2 is \"1e999\", too large");
        assertBad("1,2,0\n1,2,1.5\n", ":2: label 1.5", "not a non-negative integer");
        assertBad("1,2,0\n1,2,-1\n", ":2: label -1.0");
        assertBad("2,2,a,b\n1,2,0\n1,2,2\n", ":3: label 2 is out of range for the 2 classes [a, b]");
        assertBad("3,2,a,b\n1,2,0\n1,2,1\n", "header declares 3 rows but 2 were found");
        assertBad("x,2,a,b\n1,2,0\n", ":1: expected a header N,F,className0");
        assertBad("", "empty");
        assertBad("1,2,0\n1,0x10,1\n", ":2: column 2 is \"0x10\"");
        assertBad("1,2,0\n1,2f,1\n", ":2: column 2 is \"2f\"");
    }

    @Test
    void acceptsSpacesBlankLinesAndGzipWithoutHeader() throws IOException {
        Path file = dir.resolve("small.data");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(" 1.5 , -2e-1, 2\n\n3,.5,0\r\n".getBytes(StandardCharsets.UTF_8));
        }
        Dataset d = Csv.readDataset(file);
        assertArrayEquals(new double[] {1.5, -0.2, 3, 0.5}, d.features().toArray(), 0);
        assertArrayEquals(new int[] {2, 0}, d.labels());
        assertEquals(List.of("0", "1", "2"), d.classNames());
    }

    @Test
    void readsPlainNumericTables() throws IOException {
        Tensor t = Csv.readMatrix(write("m.csv", "a,b,c\n1,2,3\n4,5,6\n"), true);
        assertEquals(io.jgrad.core.Shape.of(2, 3), t.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, t.toArray(), 0);
        assertArrayEquals(new double[] {7, -8}, Csv.readMatrix(write("n.csv", "7,-8\n"), false).toArray(), 0);
        Path bad = write("bad.csv", "1,2\n3\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.readMatrix(bad, false));
        assertTrue(e.getMessage().equals(bad + ":2: expected 2 values, found 1 (the first row has 2)"), e.getMessage());
        Path headerOnly = write("h.csv", "a,b\n");
        assertThrows(IllegalArgumentException.class, () -> Csv.readMatrix(headerOnly, true));
    }

    @Test
    void standardizerUsesTrainingStatistics() {
        Tensor train = Tensor.of(new double[] {1, 10, 5, 2, 10, 5, 3, 10, 5}, 3, 3);
        Standardizer s = Standardizer.fit(train);
        assertArrayEquals(new double[] {2, 10, 5}, s.mean(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(2.0 / 3), 0, 0}, s.std(), 1e-15);
        Tensor z = s.transform(train);
        double sd = Math.sqrt(2.0 / 3);
        assertArrayEquals(new double[] {-1 / sd, 0, 0, 0, 0, 0, 1 / sd, 0, 0}, z.toArray(), 1e-15);
        Tensor test = Tensor.of(new double[] {4, 12, 4}, 1, 3);
        assertArrayEquals(new double[] {2 / sd, 2, -1}, s.transform(test).toArray(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> s.transform(Tensor.zeros(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(Tensor.zeros(0, 2)));
    }

    @Test
    void standardizedTrainingFeaturesHaveMeanZeroAndUnitVariance() throws IOException {
        Dataset cancer = Csv.readDataset(data("breast_cancer.csv"));
        Dataset z = Standardizer.fit(cancer.features()).transform(cancer);
        Standardizer again = Standardizer.fit(z.features());
        for (int c = 0; c < z.numFeatures(); c++) {
            assertEquals(0.0, again.mean()[c], 1e-12);
            assertEquals(1.0, again.std()[c], 1e-12);
        }
        assertArrayEquals(cancer.labels(), z.labels());
    }
}
