package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.Tensor;
import java.util.stream.Stream;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sample variance of a large layer's weights matches each initialiser's formula. With
 * 400 × 300 = 120,000 samples the relative standard error of a sample variance is below 0.5%, so a
 * 3% tolerance is a 6-sigma band, and the seed makes the test deterministic.
 */
class InitTest {
    private static final int IN = 400;
    private static final int OUT = 300;

    static Stream<Arguments> rules() {
        double a = 0.2;
        return Stream.of(
                Arguments.of("normal(0.3)", Init.normal(0.3), 0.09, Double.POSITIVE_INFINITY),
                Arguments.of("uniform(0.5)", Init.uniform(0.5), 0.25 / 3, 0.5),
                Arguments.of("xavierNormal", Init.xavierNormal(), 2.0 / (IN + OUT), Double.POSITIVE_INFINITY),
                Arguments.of("xavierUniform", Init.xavierUniform(), 2.0 / (IN + OUT), Math.sqrt(6.0 / (IN + OUT))),
                Arguments.of("heNormal", Init.heNormal(), 2.0 / IN, Double.POSITIVE_INFINITY),
                Arguments.of("heUniform", Init.heUniform(), 2.0 / IN, Math.sqrt(6.0 / IN)),
                Arguments.of("heNormal(0.2)", Init.heNormal(a), 2.0 / ((1 + a * a) * IN), Double.POSITIVE_INFINITY),
                Arguments.of("heUniform(0.2)", Init.heUniform(a), 2.0 / ((1 + a * a) * IN),
                        Math.sqrt(6.0 / ((1 + a * a) * IN))),
                Arguments.of("heUniform(sqrt 5), PyTorch Linear", Init.heUniform(Math.sqrt(5)), 1.0 / (3 * IN),
                        1.0 / Math.sqrt(IN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void sampleVarianceMatchesTheFormula(String name, Init rule, double variance, double bound) {
        Dense layer = new Dense(IN, OUT, rule, Init.zeros(), new MersenneTwister(42));
        double[] w = layer.weight().data();
        double sampleVariance = new Variance().evaluate(w);
        assertEquals(variance, sampleVariance, 0.03 * variance, name + " variance");
        double standardError = Math.sqrt(variance / w.length);
        assertEquals(0.0, new Mean().evaluate(w), 5 * standardError, name + " mean");
        double largest = 0;
        for (double v : w) {
            largest = Math.max(largest, Math.abs(v));
        }
        assertTrue(largest <= bound, name + ": " + largest + " outside the bound " + bound);
    }

    @Test
    void denseDefaultIsPyTorchLinearForWeightAndBias() {
        Dense layer = new Dense(IN, OUT, new MersenneTwister(7));
        double bound = 1 / Math.sqrt(IN);
        assertEquals(1.0 / (3 * IN), new Variance().evaluate(layer.weight().data()), 0.03 / (3 * IN));
        for (double b : layer.bias().data()) {
            assertTrue(Math.abs(b) <= bound, "bias " + b + " outside ±1/sqrt(in)");
        }
        // The same seed gives the same layer.
        assertArrayEquals(layer.weight().data(), new Dense(IN, OUT, new MersenneTwister(7)).weight().data(), 0);
    }

    @Test
    void layersWithoutAGeneratorDrawSuccessivelyFromTheSeededDefault() {
        Init.defaultGenerator().setSeed(11);
        double[] first = new Dense(3, 2).weight().toArray();
        double[] second = new Dense(3, 2).weight().toArray();
        Init.defaultGenerator().setSeed(11);
        assertArrayEquals(first, new Dense(3, 2).weight().toArray(), 0);
        assertFalse(java.util.Arrays.equals(first, second), "successive layers must get independent draws");
    }

    @Test
    void constantsAndBadArguments() {
        Dense layer = new Dense(3, 2, Init.constant(0.5), Init.zeros(), new MersenneTwister(1));
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, layer.weight().toArray(), 0);
        assertArrayEquals(new double[] {0, 0}, layer.bias().toArray(), 0);
        assertThrows(IllegalArgumentException.class, () -> Init.normal(0));
        assertThrows(IllegalArgumentException.class, () -> Init.uniform(-1));
        assertThrows(IllegalArgumentException.class, () -> Init.constant(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Init.heUniform(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Init.heNormal().tensor(0, 3, new MersenneTwister(1), 3));
        Tensor t = Init.uniform(1).tensor(2, 2, new MersenneTwister(1), 2, 2);
        assertFalse(t.requiresGrad());
        assertTrue(t.isLeaf());
    }
}
