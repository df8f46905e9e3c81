package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

class DatasetTest {
    @Test
    void bundledDataSetsHaveTheDocumentedSizes() {
        Dataset digits = Dataset.digits();
        assertEquals(1797, digits.size());
        assertEquals(64, digits.numFeatures());
        assertEquals(10, digits.numClasses());
        Dataset cancer = Dataset.breastCancer();
        assertEquals(569, cancer.size());
        assertEquals(30, cancer.numFeatures());
        assertEquals(List.of("malignant", "benign"), cancer.classNames());
        Dataset iris = Dataset.iris();
        assertEquals(150, iris.size());
        assertEquals(4, iris.numFeatures());
        assertEquals(3, iris.numClasses());
        // First row of iris.csv: 5.1,3.5,1.4,0.2,0
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, iris.features()[0]);
        assertEquals(0, iris.labels()[0]);
    }

    @Test
    void splitIsAPartitionAndStandardisingUsesTrainingStatistics() {
        Dataset.Split split = Dataset.iris().split(0.2, new MersenneTwister(1));
        assertEquals(30, split.test().size());
        assertEquals(120, split.train().size());
        Dataset.Split std = split.standardised();
        for (int j = 0; j < 4; j++) {
            double mean = 0;
            double sq = 0;
            for (double[] row : std.train().features()) {
                mean += row[j] / 120;
                sq += row[j] * row[j] / 120;
            }
            assertEquals(0.0, mean, 1e-12);
            assertEquals(1.0, sq - mean * mean, 1e-12);
        }
        assertArrayEquals(split.test().labels(), std.test().labels());
    }

    @Test
    void sameSeedSameSplit() {
        int[] a = Dataset.digits().split(0.25, new MersenneTwister(7)).test().labels();
        int[] b = Dataset.digits().split(0.25, new MersenneTwister(7)).test().labels();
        assertArrayEquals(a, b);
    }
}
