package io.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.Tensor;
import io.jgrad.core.kernels.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A parameter large enough to be updated on all cores ends up bit for bit where the same values
 * end up when held as small parameters that are updated on one thread: splitting the update
 * changes nothing but the speed.
 */
class SplitUpdateTest {
    private static final int CHUNK = 10_000;
    private static final int CHUNKS = 10;

    static Stream<Config> configs() {
        return Config.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void aSplitUpdateEqualsTheUpdateOnOneThread(Config config) {
        assertTrue(CHUNK < Parallel.ELEMENTWISE_MIN && CHUNK * CHUNKS >= Parallel.ELEMENTWISE_MIN,
                "the small parameters run on one thread, the large one on all cores");
        MersenneTwister rng = new MersenneTwister(9);
        double[] start = Tensor.randn(rng, CHUNK * CHUNKS).toArray();
        Tensor big = Tensor.of(start.clone(), CHUNK * CHUNKS).requiresGrad(true);
        List<Tensor> small = new ArrayList<>();
        for (int c = 0; c < CHUNKS; c++) {
            small.add(Tensor.of(java.util.Arrays.copyOfRange(start, c * CHUNK, (c + 1) * CHUNK), CHUNK).requiresGrad(true));
        }
        Optimizer splitOpt = config.build(List.of(big));
        Optimizer oneThread = config.build(small);
        for (int step = 0; step < 3; step++) {
            Tensor coefficients = Tensor.randn(rng, CHUNK * CHUNKS);
            splitOpt.zeroGrad();
            oneThread.zeroGrad();
            // Loss Σ c·w²: the gradient 2·c·w depends on the current weights, so later steps differ.
            big.mul(big).mul(coefficients).sum().backward();
            for (int c = 0; c < CHUNKS; c++) {
                Tensor part = Tensor.of(java.util.Arrays.copyOfRange(coefficients.toArray(), c * CHUNK, (c + 1) * CHUNK), CHUNK);
                small.get(c).mul(small.get(c)).mul(part).sum().backward();
            }
            splitOpt.step();
            oneThread.step();
        }
        double[] expected = new double[CHUNK * CHUNKS];
        for (int c = 0; c < CHUNKS; c++) {
            System.arraycopy(small.get(c).toArray(), 0, expected, c * CHUNK, CHUNK);
        }
        assertTrue(!java.util.Arrays.equals(start, expected), "the steps moved the weights");
        assertArrayEquals(expected, big.toArray(), 0.0, config.name());
    }
}
