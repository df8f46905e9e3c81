package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.core.Tensor;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Exact messages for bad input the malformed-loss property only classifies: an empty batch to
 * average, logits without classes, non-finite features to standardise, NaN labels, a scalar into a
 * layer. Each names the method, the offending value or shape, and what to do instead.
 */
final class BadInputReliabilityTest {

    private static void assertMessage(Class<? extends Throwable> type, String message, Executable call) {
        assertEquals(message, assertThrows(type, call).getMessage());
    }

    @Test
    void anEmptyBatchCannotBeAveragedAndTheLossSaysSo() {
        String tail = "; the mean of an empty batch is undefined — pass at least one example or use SUM";
        assertMessage(IllegalArgumentException.class, "mse: no elements to average (shape [0, 1])" + tail,
                () -> Losses.mse(Tensor.zeros(0, 1), Tensor.zeros(0, 1)));
        assertMessage(IllegalArgumentException.class, "bceWithLogits: no elements to average (shape [0])" + tail,
                () -> Losses.bceWithLogits(Tensor.zeros(0), Tensor.zeros(0)));
        assertMessage(IllegalArgumentException.class, "crossEntropy: no elements to average (shape [0])" + tail,
                () -> Losses.crossEntropy(Tensor.zeros(0, 3), new int[0]));
        assertEquals(0.0, Losses.crossEntropy(Tensor.zeros(0, 3), new int[0], 0.0, Reduction.SUM).item());
        assertEquals(0, Losses.mse(Tensor.zeros(0), Tensor.zeros(0), Reduction.NONE).size());
    }

    @Test
    void logitsWithoutClassesAreRefused() {
        assertMessage(IllegalArgumentException.class, "crossEntropy: logits of shape [0, 0] have no classes; pass at"
                + " least one column of scores", () -> Losses.crossEntropy(Tensor.zeros(0, 0), new int[0], 0.1, Reduction.SUM));
    }

    @Test
    void nonFiniteFeaturesCannotBeStandardised() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, Double.NaN, 5, 6}, 3, 2);
        assertMessage(IllegalArgumentException.class, "Standardizer.fit: feature 1 of row 1 is NaN; statistics of"
                + " non-finite features would turn every value of the column into NaN — clean or drop that row first",
                () -> Standardizer.fit(x));
        Tensor inf = Tensor.of(new double[] {1, Double.POSITIVE_INFINITY}, 1, 2);
        assertMessage(IllegalArgumentException.class, "Standardizer.fit: feature 1 of row 0 is Infinity; statistics"
                + " of non-finite features would turn every value of the column into NaN — clean or drop that row first",
                () -> Standardizer.fit(inf));
    }

    @Test
    void nanTargetsAreNotLabels() {
        Dataset d = new Dataset(Tensor.ones(2, 1), Tensor.of(new double[] {1, Double.NaN}), List.of("a", "b"));
        assertMessage(IllegalStateException.class, "labels: target 1 is NaN, not a non-negative integer class label",
                d::labels);
        assertMessage(IllegalArgumentException.class, "crossEntropy: label -1 at position 0 is out of range for 2"
                + " classes (valid: 0 to 1)", () -> Losses.crossEntropy(Tensor.zeros(1, 2), new int[] {-1}));
    }

    @Test
    void aScalarHasNoFeaturesForADenseLayer() {
        Dense d = new Dense(3, 2, new MersenneTwister(1));
        assertMessage(IllegalArgumentException.class, "Dense.forward: input of shape [] is a scalar, with no feature"
                + " dimension; this layer takes 3 features: pass [batch, 3] or [3]", () -> d.forward(Tensor.scalar(1)));
        assertMessage(IllegalArgumentException.class, "Dense.forward: input of shape [2, 4] has 4 features in its last"
                + " dimension but this layer takes 3; pass [batch, 3]", () -> d.forward(Tensor.zeros(2, 4)));
    }

    @Test
    void nonPositiveAndNonFiniteHyperParametersAreRefusedByName() {
        assertMessage(IllegalArgumentException.class, "Dense: in and out must be at least 1, got in = 0, out = 3",
                () -> new Dense(0, 3, new MersenneTwister(1)));
        assertMessage(IllegalArgumentException.class, "Dropout: probability p must be in [0, 1], got NaN",
                () -> new Dropout(Double.NaN, 1));
        assertMessage(IllegalArgumentException.class, "LeakyReLU: slope must be finite, got Infinity",
                () -> new LeakyReLU(Double.POSITIVE_INFINITY));
        assertMessage(IllegalArgumentException.class, "Init.normal: std must be positive and finite, got -1.0"
                + " (use Init.zeros() for all zeros)", () -> Init.normal(-1));
        assertMessage(IllegalArgumentException.class, "l2: lambda must be non-negative and finite, got Infinity",
                () -> Losses.l2(List.of(), Double.POSITIVE_INFINITY));
        assertMessage(IllegalArgumentException.class, "crossEntropy: labelSmoothing must be in [0, 1], got NaN",
                () -> Losses.crossEntropy(Tensor.zeros(1, 2), new int[] {0}, Double.NaN));
        assertMessage(IllegalArgumentException.class, "batches: batchSize must be at least 1, got 0",
                () -> new Dataset(Tensor.ones(2, 1), Tensor.ones(2), List.of()).batches(0));
        assertMessage(IllegalArgumentException.class, "Trainer.epochs: need at least 1, got -1",
                () -> Trainer.builder(new ReLU()).epochs(-1));
    }
}
