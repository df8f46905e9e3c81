package io.jgrad.nn;

import io.jgrad.core.Tensor;
import java.util.Objects;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * How a parameter's initial values are drawn, given the fan-in and fan-out of the layer that owns it.
 *
 * <p>For {@link Dense}{@code (in, out)} both the weight and the bias see fanIn = in and fanOut = out.
 * The rules (gain g, standard deviation σ, uniform bound b = √3·σ so that U(−b, b) has variance σ²):
 * <ul>
 *   <li>{@link #xavierNormal()} / {@link #xavierUniform()} (Glorot and Bengio, 2010): σ = √(2 / (fanIn + fanOut)).
 *   <li>{@link #heNormal()} / {@link #heUniform()} (He et al., 2015, for ReLU): σ = √(2 / fanIn).
 *   <li>{@link #heNormal(double)} / {@link #heUniform(double)} for leaky ReLU with negative slope a:
 *       σ = g / √fanIn with g = √(2 / (1 + a²)) — PyTorch's {@code kaiming_*_} with {@code a}.
 *       {@code heUniform(Math.sqrt(5))} is U(−1/√fanIn, 1/√fanIn), PyTorch's default for
 *       {@code nn.Linear} weights and biases, and {@link Dense}'s default.
 *   <li>{@link #normal(double)} N(0, std²), {@link #uniform(double)} U(−a, a), {@link #constant(double)},
 *       {@link #zeros()}: independent of the fans.
 * </ul>
 * Samples come from commons-math3 distributions driven by the given seeded generator.
 */
@FunctionalInterface
public interface Init {

    /** Fills {@code values} for a parameter of a layer with these fans, drawing from {@code rng}. */
    void fill(double[] values, int fanIn, int fanOut, RandomGenerator rng);

    /** A new leaf tensor of the given shape filled by this rule. */
    default Tensor tensor(int fanIn, int fanOut, RandomGenerator rng, int... shape) {
        Objects.requireNonNull(rng, "Init.tensor: rng is null");
        Objects.requireNonNull(shape, "Init.tensor: shape is null");
        if (fanIn < 1 || fanOut < 1) {
            throw new IllegalArgumentException("Init: fanIn and fanOut must be at least 1, got fanIn = " + fanIn
                    + ", fanOut = " + fanOut);
        }
        Tensor t = Tensor.zeros(shape);
        fill(t.mutableData(), fanIn, fanOut, rng);
        return t;
    }

    /**
     * The generator layers draw from when none is given: one per program, seeded with 0, so a model
     * built the same way in a fresh program starts from the same weights while successive layers
     * get independent draws (like PyTorch's global generator). Reseed it with {@code setSeed(n)};
     * pass an explicit generator for reproducibility that does not depend on construction order.
     */
    static RandomGenerator defaultGenerator() {
        return DefaultGenerator.INSTANCE;
    }

    /** Every value 0. */
    static Init zeros() {
        return constant(0.0);
    }

    /** Every value {@code c}. */
    static Init constant(double c) {
        if (!Double.isFinite(c)) {
            throw new IllegalArgumentException("Init.constant: value must be finite, got " + c);
        }
        return (values, fanIn, fanOut, rng) -> java.util.Arrays.fill(values, c);
    }

    /** Normal with mean 0 and standard deviation {@code std}. */
    static Init normal(double std) {
        requirePositive("Init.normal", "std", std);
        return (values, fanIn, fanOut, rng) -> sample(new NormalDistribution(rng, 0.0, std), values);
    }

    /** Uniform on (−a, a). */
    static Init uniform(double a) {
        requirePositive("Init.uniform", "a", a);
        return (values, fanIn, fanOut, rng) -> sample(new UniformRealDistribution(rng, -a, a), values);
    }

    /** Glorot normal: N(0, 2 / (fanIn + fanOut)). */
    static Init xavierNormal() {
        return (values, fanIn, fanOut, rng) ->
                sample(new NormalDistribution(rng, 0.0, Math.sqrt(2.0 / (fanIn + fanOut))), values);
    }

    /** Glorot uniform: U(−b, b) with b = √(6 / (fanIn + fanOut)). */
    static Init xavierUniform() {
        return (values, fanIn, fanOut, rng) -> {
            double b = Math.sqrt(6.0 / (fanIn + fanOut));
            sample(new UniformRealDistribution(rng, -b, b), values);
        };
    }

    /** He normal for ReLU: N(0, 2 / fanIn). */
    static Init heNormal() {
        return heNormal(0.0);
    }

    /** He normal for leaky ReLU with negative slope {@code a}: N(0, 2 / ((1 + a²)·fanIn)). */
    static Init heNormal(double a) {
        requireSlope("Init.heNormal", a);
        return (values, fanIn, fanOut, rng) ->
                sample(new NormalDistribution(rng, 0.0, heStd(a, fanIn)), values);
    }

    /** He uniform for ReLU: U(−b, b) with b = √(6 / fanIn). */
    static Init heUniform() {
        return heUniform(0.0);
    }

    /** He uniform for leaky ReLU with negative slope {@code a}: b = √3 · √(2 / (1 + a²)) / √fanIn. */
    static Init heUniform(double a) {
        requireSlope("Init.heUniform", a);
        return (values, fanIn, fanOut, rng) -> {
            double b = Math.sqrt(3.0) * heStd(a, fanIn);
            sample(new UniformRealDistribution(rng, -b, b), values);
        };
    }

    private static double heStd(double a, int fanIn) {
        return Math.sqrt(2.0 / (1.0 + a * a)) / Math.sqrt(fanIn);
    }

    private static void sample(RealDistribution d, double[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = d.sample();
        }
    }

    private static void requirePositive(String method, String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(method + ": " + what + " must be positive and finite, got " + v
                    + " (use Init.zeros() for all zeros)");
        }
    }

    private static void requireSlope(String method, double a) {
        if (!Double.isFinite(a)) {
            throw new IllegalArgumentException(method + ": negative slope a must be finite, got " + a);
        }
    }
}

/** Holder of {@link Init#defaultGenerator()}; synchronized because layers may be built in several threads. */
final class DefaultGenerator {
    static final RandomGenerator INSTANCE =
            new org.apache.commons.math3.random.SynchronizedRandomGenerator(
                    new org.apache.commons.math3.random.MersenneTwister(0));

    private DefaultGenerator() {
    }
}
