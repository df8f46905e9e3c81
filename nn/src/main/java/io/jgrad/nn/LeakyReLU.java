package io.jgrad.nn;

import io.jgrad.core.Tensor;
import java.util.Objects;

/** The activation x for x > 0, slope·x otherwise, element-wise (default slope 0.01, as in PyTorch). */
public final class LeakyReLU extends Layer {
    private final double slope;

    public LeakyReLU() {
        this(0.01);
    }

    public LeakyReLU(double slope) {
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("LeakyReLU: slope must be finite, got " + slope);
        }
        this.slope = slope;
    }

    @Override
    public Tensor forward(Tensor x) {
        Objects.requireNonNull(x, "LeakyReLU.forward: x is null");
        return x.leakyRelu(slope);
    }

    public double slope() {
        return slope;
    }

    @Override
    public String toString() {
        return "LeakyReLU(" + slope + ")";
    }
}
