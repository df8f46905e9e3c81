package io.jgrad.nn;

import io.jgrad.core.Tensor;
import java.util.Objects;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A fully connected layer {@code y = x W + b} with W of shape [in, out] and b of shape [out]; rows
 * of x are examples (batch-first), and b is broadcast over them. The parameters are named
 * {@code "weight"} and {@code "bias"}.
 *
 * <p>By default W and b are both drawn from U(−1/√in, 1/√in) — {@code Init.heUniform(Math.sqrt(5))}
 * — which is what PyTorch's {@code nn.Linear} does, so models and benchmarks start from the same
 * distribution. The layout differs from PyTorch's (its weight is [out, in], used as x Wᵀ): a
 * PyTorch weight must be transposed to be loaded here.
 */
public final class Dense extends Layer {
    /** The default initialiser of both W and b (see the class comment). */
    private static final Init DEFAULT_INIT = Init.heUniform(Math.sqrt(5.0));

    private final int in;
    private final int out;
    private final Tensor weight;
    private final Tensor bias;

    /** A layer with the default initialisation drawn from {@link Init#defaultGenerator()}. */
    public Dense(int in, int out) {
        this(in, out, Init.defaultGenerator());
    }

    /** A layer with the default initialisation drawn from {@code rng}. */
    public Dense(int in, int out, RandomGenerator rng) {
        this(in, out, DEFAULT_INIT, DEFAULT_INIT, rng);
    }

    /** A layer whose W and b are drawn by the given rules (fanIn = in, fanOut = out) from {@code rng}. */
    public Dense(int in, int out, Init weightInit, Init biasInit, RandomGenerator rng) {
        Objects.requireNonNull(weightInit, "Dense: weightInit is null");
        Objects.requireNonNull(biasInit, "Dense: biasInit is null");
        Objects.requireNonNull(rng, "Dense: rng is null; pass a seeded generator, e.g. new MersenneTwister(42)");
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Dense: in and out must be at least 1, got in = " + in + ", out = " + out);
        }
        this.in = in;
        this.out = out;
        this.weight = registerParameter("weight", weightInit.tensor(in, out, rng, in, out));
        this.bias = registerParameter("bias", biasInit.tensor(in, out, rng, out));
    }

    /** x of shape [m, in] (or [in] for one example) to x W + b of shape [m, out] (or [out]). */
    @Override
    public Tensor forward(Tensor x) {
        checkInput(x);
        // The fused op (PyTorch's addmm): the same values as x.matmul(weight).add(bias), one pass, no temporary.
        return x.linear(weight, bias);
    }

    /** {@code forward(x).relu()} as one op ({@link Tensor#linearRelu}): how {@link Sequential} runs a Dense then a ReLU. */
    Tensor forwardRelu(Tensor x) {
        checkInput(x);
        return x.linearRelu(weight, bias);
    }

    private void checkInput(Tensor x) {
        Objects.requireNonNull(x, "Dense.forward: x is null");
        if (x.dim() == 0) {
            throw new IllegalArgumentException("Dense.forward: input of shape [] is a scalar, with no feature"
                    + " dimension; this layer takes " + in + " features: pass [batch, " + in + "] or [" + in + "]");
        }
        int last = x.shape().dim(x.dim() - 1);
        if (last != in) {
            throw new IllegalArgumentException("Dense.forward: input of shape " + x.shape() + " has " + last
                    + " features in its last dimension but this layer takes " + in + "; pass [batch, " + in + "]");
        }
    }

    /** W, shape [in, out]: the parameter itself, not a copy. */
    public Tensor weight() {
        return weight;
    }

    /** b, shape [out]: the parameter itself, not a copy. */
    public Tensor bias() {
        return bias;
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    @Override
    public String toString() {
        return "Dense(" + in + " -> " + out + ")";
    }
}
