package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.nn.Dataset;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

class DatasetsTest {
    @Test
    void bundledDataSetsHaveTheDocumentedSizes() {
        Dataset digits = Datasets.digits();
        assertEquals(1797, digits.size());
        assertEquals(64, digits.numFeatures());
        assertEquals(10, digits.numClasses());
        Dataset cancer = Datasets.breastCancer();
        assertEquals(569, cancer.size());
        assertEquals(30, cancer.numFeatures());
        assertEquals(List.of("malignant", "benign"), cancer.classNames());
        Dataset iris = Datasets.iris();
        assertEquals(150, iris.size());
        assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classNames());
        // First row of iris.csv: 5.1,3.5,1.4,0.2,0
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, iris.features().indexSelect(0, 0).toArray());
        assertEquals(0, iris.labels()[0]);
    }

    @Test
    void standardisingUsesTrainingStatisticsOnly() {
        Dataset.Split split = Datasets.standardised(Datasets.iris().split(0.2, new MersenneTwister(1)));
        double[] mean = split.train().features().mean(0, false).toArray();
        assertArrayEquals(new double[4], mean, 1e-12);
        double[] test = split.test().features().mean(0, false).toArray();
        for (double m : test) {
            assertEquals(true, Math.abs(m) > 1e-6, "the test part is not re-centred on itself");
        }
    }
}
