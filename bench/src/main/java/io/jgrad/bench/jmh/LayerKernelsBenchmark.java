package io.jgrad.bench.jmh;

import io.jgrad.core.Tensor;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.random.MersenneTwister;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The element-wise and reduction kernels around a dense layer, at the mnist hidden layer's size
 * ([128, 256]): the broadcast bias add, the fused x·W + b against matmul then add, the ReLU, and
 * the bias gradient's reduction over the batch (sum along axis 0). No input requires a gradient,
 * so nothing is recorded: these time the kernels alone.
 * <pre>java -cp bench/target/jgrad-bench.jar org.openjdk.jmh.Main LayerKernelsBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LayerKernelsBenchmark {
    @Param({"128"})
    int batch;

    @Param({"256"})
    int features;

    private Tensor x;
    private Tensor input;
    private Tensor weight;
    private Tensor bias;

    @Setup
    public void setup() {
        MersenneTwister rng = new MersenneTwister(1);
        x = Tensor.randn(rng, batch, features);
        input = Tensor.randn(rng, batch, 784);
        weight = Tensor.randn(rng, 784, features);
        bias = Tensor.randn(rng, features);
    }

    @Benchmark
    public Tensor biasAdd() {
        return x.add(bias);
    }

    @Benchmark
    public Tensor relu() {
        return x.relu();
    }

    @Benchmark
    public Tensor sumOverBatch() {
        return x.sum(0, false);
    }

    @Benchmark
    public Tensor matmulThenAdd() {
        return input.matmul(weight).add(bias);
    }

    @Benchmark
    public Tensor linear() {
        return input.linear(weight, bias);
    }
}
