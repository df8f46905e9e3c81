package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** matmul with torch.matmul rules, against a naive triple loop, and its gradients. */
final class MatMulTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(new int[] {3}, new int[] {3}, new int[] {}),
                Arguments.of(new int[] {2, 3}, new int[] {3}, new int[] {2}),
                Arguments.of(new int[] {3}, new int[] {3, 4}, new int[] {4}),
                Arguments.of(new int[] {2, 3}, new int[] {3, 4}, new int[] {2, 4}),
                Arguments.of(new int[] {2, 2, 3}, new int[] {3, 4}, new int[] {2, 2, 4}),
                Arguments.of(new int[] {2, 3, 2, 3}, new int[] {3, 1}, new int[] {2, 3, 2, 1}),
                Arguments.of(new int[] {3, 4}, new int[] {2, 4, 5}, new int[] {2, 3, 5}),
                Arguments.of(new int[] {4}, new int[] {2, 4, 3}, new int[] {2, 3}),
                Arguments.of(new int[] {2, 3, 4}, new int[] {4}, new int[] {2, 3}),
                Arguments.of(new int[] {2, 3, 4}, new int[] {2, 4, 5}, new int[] {2, 3, 5}),
                Arguments.of(new int[] {1, 2, 3}, new int[] {4, 3, 2}, new int[] {4, 2, 2}),
                Arguments.of(new int[] {2, 1, 2, 3}, new int[] {3, 3, 4}, new int[] {2, 3, 2, 4}),
                Arguments.of(new int[] {0, 3}, new int[] {3, 2}, new int[] {0, 2}),
                Arguments.of(new int[] {2, 0}, new int[] {0, 3}, new int[] {2, 3}));
    }

    @ParameterizedTest(name = "{index}: {0} x {1}")
    @MethodSource("shapes")
    void matchesANaiveLoop(int[] sa, int[] sb, int[] expectedShape) {
        RandomGenerator rng = new MersenneTwister(Arrays.hashCode(sa) * 31L + Arrays.hashCode(sb));
        Tensor a = Tensor.randn(rng, sa);
        Tensor b = Tensor.randn(rng, sb);
        Tensor c = a.matmul(b);
        assertEquals(Shape.of(expectedShape), c.shape());
        Tensor expected = naiveMatmul(a, b);
        assertEquals(expected.shape(), c.shape());
        Oracle.assertClose(Arrays.toString(sa) + " x " + Arrays.toString(sb), expected, c);
    }

    @ParameterizedTest(name = "{index}: {0} x {1}")
    @MethodSource("shapes")
    void gradientsMatchCentralDifferencesToSecondOrder(int[] sa, int[] sb, int[] expectedShape) {
        RandomGenerator rng = new MersenneTwister(Arrays.hashCode(sa) + 17L * Arrays.hashCode(sb));
        Tensor a = Tensor.randn(rng, sa).requiresGrad(true);
        Tensor b = Tensor.randn(rng, sb).requiresGrad(true);
        GradCheck.check(in -> in.get(0).matmul(in.get(1)), List.of(a, b)).assertPassed();
        GradCheck.checkSecondOrder(in -> in.get(0).matmul(in.get(1)).tanh(), List.of(a, b)).assertPassed();
    }

    @ParameterizedTest(name = "{index}: {0} x {1}")
    @MethodSource("shapes")
    void vectorJacobianProductsMatchNaiveFormulas(int[] sa, int[] sb, int[] expectedShape) {
        // d<G, A·B>/dA and /dB computed naively: perturbation-free, element by element, by linearity.
        RandomGenerator rng = new MersenneTwister(5 + Arrays.hashCode(sa) - Arrays.hashCode(sb));
        Tensor a = Tensor.randn(rng, sa).requiresGrad(true);
        Tensor b = Tensor.randn(rng, sb).requiresGrad(true);
        Tensor g = Tensor.randn(rng, expectedShape);
        a.matmul(b).backward(g);
        Oracle.assertClose("dA", naiveVjp(a, b, g, true), a.grad());
        Oracle.assertClose("dB", naiveVjp(a, b, g, false), b.grad());
    }

    /** d<G, A·B>/dA (or dB): since the product is bilinear, entry i is <G, E_i·B> (or <G, A·E_i>). */
    private static Tensor naiveVjp(Tensor a, Tensor b, Tensor g, boolean wrtA) {
        Tensor x = wrtA ? a : b;
        double[] out = new double[x.size()];
        for (int i = 0; i < out.length; i++) {
            double[] unit = new double[x.size()];
            unit[i] = 1;
            Tensor e = Tensor.of(unit, x.shape());
            Tensor prod = wrtA ? naiveMatmul(e, b) : naiveMatmul(a, e);
            double s = 0;
            for (int j = 0; j < prod.size(); j++) {
                s += prod.data()[j] * g.data()[j];
            }
            out[i] = s;
        }
        return Tensor.of(out, x.shape());
    }

    /** torch.matmul by definition: promote 1-D operands, broadcast batch dimensions, loop. */
    static Tensor naiveMatmul(Tensor a, Tensor b) {
        int[] da = a.shape().dims(), db = b.shape().dims();
        int[] pa = da.length == 1 ? new int[] {1, da[0]} : da;
        int[] pb = db.length == 1 ? new int[] {db[0], 1} : db;
        int m = pa[pa.length - 2], k = pa[pa.length - 1], n = pb[pb.length - 1];
        int rank = Math.max(pa.length, pb.length) - 2;
        int[] batch = new int[rank];
        for (int i = 0; i < rank; i++) {
            batch[i] = Math.max(batchDim(pa, rank, i), batchDim(pb, rank, i));
        }
        int batches = 1;
        for (int d : batch) {
            batches *= d;
        }
        double[] out = new double[batches * m * n];
        int[] idx = new int[rank];
        for (int flat = 0; flat < batches; flat++) {
            int rest = flat;
            for (int i = rank - 1; i >= 0; i--) {
                idx[i] = rest % batch[i];
                rest /= batch[i];
            }
            int offA = matrixOffset(pa, rank, idx) * m * k, offB = matrixOffset(pb, rank, idx) * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += a.data()[offA + i * k + p] * b.data()[offB + p * n + j];
                    }
                    out[(flat * m + i) * n + j] = s;
                }
            }
        }
        int[] outDims = Arrays.copyOf(batch, rank + 2);
        outDims[rank] = m;
        outDims[rank + 1] = n;
        if (db.length == 1) {
            outDims = Arrays.copyOf(outDims, outDims.length - 1);
        }
        if (da.length == 1) {
            int[] d = new int[outDims.length - 1];
            System.arraycopy(outDims, 0, d, 0, rank);
            System.arraycopy(outDims, rank + 1, d, rank, outDims.length - rank - 1);
            outDims = d;
        }
        return Tensor.of(out, Shape.of(outDims));
    }

    /** Size of batch dimension {@code i} (of {@code rank}, right-aligned) of a promoted operand. */
    private static int batchDim(int[] dims, int rank, int i) {
        int j = i - (rank - (dims.length - 2));
        return j < 0 ? 1 : dims[j];
    }

    /** Index of the matrix the broadcast batch index selects within an operand's batch. */
    private static int matrixOffset(int[] dims, int rank, int[] idx) {
        int off = 0;
        for (int i = 0; i < rank; i++) {
            int d = batchDim(dims, rank, i);
            off = off * d + (d == 1 ? 0 : idx[i]);
        }
        return off;
    }
}
