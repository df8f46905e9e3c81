package io.jgrad.bench.jmh;

import io.jgrad.core.kernels.Gemm;
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
 * Square DGEMM through the core kernel, each size and transpose variant in its own JVM fork (the
 * JIT compiles the kernel for the shapes it sees first). GFLOPS = 2n³ / time.
 * <pre>java -cp bench/target/jgrad-bench.jar org.openjdk.jmh.Main GemmBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GemmBenchmark {
    /**
     * 129: rows long enough for the plain kernel's four-row loop, and one panel whose depth is a
     * multiple of three. Before its tail loop ran on every call, C2 compiled that loop scalar for
     * such depths (bench/RESULTS.md, seventh round); this size would show it coming back.
     */
    @Param({"128", "129", "256", "512", "1024"})
    int n;

    /** Which operands are stored transposed: "NN", "TN" (Xᵀ·dZ), "NT" (dZ·Wᵀ), "TT". */
    @Param({"NN", "TN", "NT"})
    String variant;

    private double[] a;
    private double[] b;
    private double[] c;

    @Setup
    public void setup() {
        MersenneTwister rng = new MersenneTwister(n);
        a = new double[n * n];
        b = new double[n * n];
        c = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextDouble() - 0.5;
            b[i] = rng.nextDouble() - 0.5;
        }
    }

    @Benchmark
    public double[] gemm() {
        Gemm.gemm(variant.charAt(0) == 'T', variant.charAt(1) == 'T', n, n, n, a, 0, b, 0, c, 0);
        return c;
    }
}
