package io.jgrad.nn;

import io.jgrad.core.Tensor;
import java.util.Objects;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Inverted dropout: in training mode each element is zeroed with probability p and the survivors are
 * scaled by 1/(1 − p), so the expected output equals the input and evaluation needs no rescaling; in
 * evaluation mode it is the identity. The mask is a constant, so the gradient is the same mask.
 */
public final class Dropout extends Layer {
    private final double p;
    private final RandomGenerator rng;

    /** Dropout with probability {@code p} in [0, 1], masks drawn from {@code rng}. */
    public Dropout(double p, RandomGenerator rng) {
        Objects.requireNonNull(rng, "Dropout: rng is null; pass a seeded generator or use Dropout(p, seed)");
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("Dropout: probability p must be in [0, 1], got " + p);
        }
        this.p = p;
        this.rng = rng;
    }

    /** Dropout with probability {@code p}, masks from a MersenneTwister with this seed. */
    public Dropout(double p, long seed) {
        this(p, new MersenneTwister(seed));
    }

    @Override
    public Tensor forward(Tensor x) {
        Objects.requireNonNull(x, "Dropout.forward: x is null");
        if (!isTraining() || p == 0.0) {
            return x;
        }
        double keep = 1.0 - p;
        double scale = keep == 0.0 ? 0.0 : 1.0 / keep;
        double[] mask = new double[x.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextDouble() < keep ? scale : 0.0;
        }
        return x.mul(Tensor.of(mask, x.shape()));
    }

    public double p() {
        return p;
    }

    @Override
    public String toString() {
        return "Dropout(p=" + p + ")";
    }
}
