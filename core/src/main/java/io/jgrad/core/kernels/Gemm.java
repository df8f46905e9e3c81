package io.jgrad.core.kernels;

/**
 * Dense matrix product kernels over row-major {@code double[]} storage:
 * {@code C = op(A) · op(B)} (or {@code C += ...}) where {@code op} optionally transposes, so backward
 * passes ({@code Xᵀ·dZ}, {@code dZ·Wᵀ}) never materialise a transpose.
 *
 * <p>Tiny products run as plain loops on the calling thread. Larger ones go through
 * {@link GemmBlocked}, a cache-blocked product with a packed panel of op(B) and a register-tiled
 * inner loop that C2 turns into SIMD FMA; above {@link #PARALLEL_MIN} multiply-adds the columns
 * (or rows) of C are split into one contiguous block per core.
 */
public final class Gemm {
    /** Below this many multiply-adds (m·n·k) the plain loops win: no packing, no scratch. */
    static final long BLOCKED_MIN = 8_192;
    /** From this many multiply-adds on, a second core pays for the fork and join (a few µs). */
    static final long PARALLEL_MIN = 1L << 18;

    private Gemm() {
    }

    /**
     * Overwrites C[m, n] (at {@code cOff}) with op(A)[m, k] · op(B)[k, n]. A is stored [m, k]
     * (or [k, m] when {@code transA}); B is stored [k, n] (or [n, k] when {@code transB}). C must
     * not overlap A or B.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        multiply(new Product(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, false));
    }

    /** Like {@link #gemm} but adds the product into C: C[m, n] += op(A) · op(B). */
    public static void gemmAdd(boolean transA, boolean transB, int m, int n, int k,
                               double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        multiply(new Product(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, true));
    }

    private static void multiply(Product g) {
        g.check();
        if (g.m() == 0 || g.n() == 0) {
            return;
        }
        long work = (long) g.m() * g.n() * g.k();
        if (work < BLOCKED_MIN) {
            small(g);
            return;
        }
        int parts = work >= PARALLEL_MIN ? Parallel.cores() : 1;
        if (g.n() >= g.m()) {
            Parallel.forRange(g.n(), parts, 8, (from, to) -> GemmBlocked.multiply(g, 0, g.m(), from, to));
        } else {
            Parallel.forRange(g.m(), parts, GemmBlocked.MR, (from, to) -> GemmBlocked.multiply(g, from, to, 0, g.n()));
        }
    }

    /** The direct loops for tiny products, where packing would cost more than it saves. */
    private static void small(Product g) {
        int m = g.m(), n = g.n(), k = g.k();
        double[] a = g.a(), b = g.b(), c = g.c();
        int ars = g.aRowStride(), acs = g.aColStride();
        for (int i = 0; i < m; i++) {
            int ci = g.cOff() + i * n, ai = g.aOff() + i * ars;
            if (g.transB()) {
                for (int j = 0; j < n; j++) {
                    int bj = g.bOff() + j * k;
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += a[ai + p * acs] * b[bj + p];
                    }
                    c[ci + j] = g.accumulate() ? c[ci + j] + s : s;
                }
            } else {
                if (!g.accumulate()) {
                    java.util.Arrays.fill(c, ci, ci + n, 0.0);
                }
                for (int p = 0; p < k; p++) {
                    double aip = a[ai + p * acs];
                    int bp = g.bOff() + p * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                }
            }
        }
    }
}
