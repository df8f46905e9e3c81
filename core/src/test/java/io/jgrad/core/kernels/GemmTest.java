package io.jgrad.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Every variant of {@link Gemm} against a naive triple loop. The build runs this class twice: on the
 * plain-Java kernel and with {@code --add-modules jdk.incubator.vector} on {@link VectorGemm}.
 */
class GemmTest {

    /** Shapes chosen to cross each path: tiny loops, blocked, parallel, and every block edge. */
    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @CsvSource({
        "1, 1, 1", "2, 3, 4", "4, 4, 2", "7, 5, 3",            // below the blocked threshold
        "70, 20, 30", "128, 10, 128", "64, 32, 64",               // blocked, few columns
        "33, 17, 19", "64, 32, 64", "5, 130, 21",               // blocked, one thread, odd remainders
        "130, 67, 129", "67, 300, 131", "300, 9, 257",          // blocked and split across cores
        "129, 257, 300", "1, 1000, 300", "1000, 1, 300", "2, 2, 70000", "60, 70, 2001",  // depth split
        "128, 10, 300", "200, 5, 3000", "100, 3, 2000",          // narrow C computed as Cᵀ; split by columns, by depth
        "300, 40, 70", "257, 64, 5", "256, 65, 33",               // C up to 64 wide with 256 rows or more as Cᵀ; just past it
        "1100, 130, 140",                                         // more rows per core than one block, depth over one panel
        "40, 300, 390", "40, 60, 96", "24, 200, 2", "60, 50, 3"})  // whole panels, depths of 3·q, depths under one pass
    void allTransposesMatchNaiveLoop(int m, int n, int k) {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                check(ta, tb, m, n, k, 3, 5, 7, false, 11);
                check(ta, tb, m, n, k, 0, 0, 0, true, 12);
            }
        }
    }

    @Property(tries = 60)
    void randomShapesAndOffsets(@ForAll @IntRange(min = 1, max = 150) int m, @ForAll @IntRange(min = 1, max = 150) int n,
                                @ForAll @IntRange(min = 1, max = 150) int k, @ForAll boolean ta, @ForAll boolean tb,
                                @ForAll @IntRange(max = 9) int off, @ForAll boolean accumulate) {
        check(ta, tb, m, n, k, off, 2 * off, off + 1, accumulate, m * 31 + n * 7 + k);
    }

    @Test
    void aDepthSplitProductIsBitForBitTheSameWhenTheWorkerTeamIsBusy() {
        // A small C from a deep product: split by depth on two or more cores. Inside a split range
        // the team is busy, so the same product runs all its chunks on one thread.
        int m = 40, n = 30, k = 5000;
        RandomGenerator rng = new MersenneTwister(77);
        double[] a = random(rng, m * k), b = random(rng, k * n);
        double[] free = new double[m * n], busy = new double[m * n];
        Gemm.gemm(false, false, m, n, k, a, 0, b, 0, free, 0);
        Parallel.forRange(2, 2, 1, (from, to) -> {
            if (from == 0) {
                Gemm.gemm(false, false, m, n, k, a, 0, b, 0, busy, 0);
            }
        });
        assertArrayEquals(free, busy, 0.0);
    }

    @Test
    void aDepthSplitProductAllocatesNoPartialProductsOnceWarm() {
        // [40, 30] from a depth of 5000: each extra core's partial C (9.6 KB) lives in the caller's
        // scratch, so repeating the product allocates only its few small descriptor objects.
        int m = 40, n = 30, k = 5000;
        RandomGenerator rng = new MersenneTwister(78);
        double[] a = random(rng, m * k), b = random(rng, k * n), c = new double[m * n];
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20; i++) {
            Gemm.gemm(false, false, m, n, k, a, 0, b, 0, c, 0);
        }
        // This thread and the kernel team's (other threads of the test JVM may allocate meanwhile).
        long[] threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t == Thread.currentThread() || t.getName().startsWith("jgrad-kernel-"))
                .mapToLong(Thread::getId).toArray();
        long before = allocated(mx, threads);
        int products = 20;
        for (int i = 0; i < products; i++) {
            Gemm.gemm(false, false, m, n, k, a, 0, b, 0, c, 0);
        }
        long perProduct = (allocated(mx, threads) - before) / products;
        assertTrue(perProduct < 2_000, "a depth-split product allocated " + perProduct
                + " bytes on the calling and kernel threads; one partial C is " + m * n * 8);
    }

    private static long allocated(ThreadMXBean mx, long[] threads) {
        long sum = 0;
        for (long t : threads) {
            sum += Math.max(0, mx.getThreadAllocatedBytes(t));
        }
        return sum;
    }

    @Test
    void vectorPathRunsExactlyWhenTheModuleIsPresent() {
        assertEquals(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), GemmBlocked.VECTOR);
    }

    @Test
    void zeroDepthClearsOrKeepsC() {
        double[] c = {1, 2, 3, 4};
        Gemm.gemmAdd(false, false, 2, 2, 0, new double[0], 0, new double[0], 0, c, 0);
        assertArrayEquals(new double[] {1, 2, 3, 4}, c);
        Gemm.gemm(false, false, 2, 2, 0, new double[0], 0, new double[0], 0, c, 0);
        assertArrayEquals(new double[4], c);
    }

    @Test
    void knownProduct() {
        double[] a = {1, 2, 3, 4, 5, 6};       // [2, 3]
        double[] b = {7, 8, 9, 10, 11, 12};    // [3, 2]
        double[] c = new double[4];
        Gemm.gemm(false, false, 2, 2, 3, a, 0, b, 0, c, 0);
        assertArrayEquals(new double[] {58, 64, 139, 154}, c);
    }

    @Test
    void rejectsArraysTooShortAndNegativeSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, false, 2, 2, 3, new double[5], 0, new double[6], 0, new double[4], 0));
        assertTrue(e.getMessage().contains("gemm: A needs 6 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, false, 2, 2, 3, new double[6], 0, new double[6], 0, new double[4], 1));
        assertTrue(e.getMessage().contains("C needs 4 values from offset 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, false, -1, 2, 3, new double[6], 0, new double[6], 0, new double[4], 0));
        assertTrue(e.getMessage().contains("m = -1"), e.getMessage());
    }

    /** Runs one product at the given offsets and compares every entry of C, and that nothing else changed. */
    private static void check(boolean ta, boolean tb, int m, int n, int k, int aOff, int bOff, int cOff,
                              boolean accumulate, long seed) {
        RandomGenerator rng = new MersenneTwister(seed);
        double[] a = random(rng, aOff + m * k + 2), b = random(rng, bOff + k * n + 2), c = random(rng, cOff + m * n + 3);
        double[] expected = c.clone();
        double[] bound = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0, abs = 0;
                for (int p = 0; p < k; p++) {
                    double x = a[aOff + (ta ? p * m + i : i * k + p)] * b[bOff + (tb ? j * k + p : p * n + j)];
                    s += x;
                    abs += Math.abs(x);
                }
                expected[cOff + i * n + j] = accumulate ? expected[cOff + i * n + j] + s : s;
                bound[i * n + j] = 1e-14 * (k + 2) * (abs + 1);
            }
        }
        if (accumulate) {
            Gemm.gemmAdd(ta, tb, m, n, k, a, aOff, b, bOff, c, cOff);
        } else {
            Gemm.gemm(ta, tb, m, n, k, a, aOff, b, bOff, c, cOff);
        }
        String what = "m=" + m + " n=" + n + " k=" + k + " transA=" + ta + " transB=" + tb + " acc=" + accumulate;
        for (int x = 0; x < c.length; x++) {
            int e = x - cOff;
            double tol = e >= 0 && e < m * n ? bound[e] : 0.0;
            assertEquals(expected[x], c[x], tol, what + " at " + x);
        }
    }

    private static double[] random(RandomGenerator rng, int size) {
        double[] d = new double[size];
        for (int i = 0; i < size; i++) {
            d[i] = 2 * rng.nextDouble() - 1;
        }
        return d;
    }
}
