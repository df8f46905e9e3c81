package io.jgrad.core.kernels;

/**
 * Dense matrix product kernels over row-major {@code double[]} storage:
 * {@code C = op(A) · op(B)} (or {@code C += ...}) where {@code op} optionally transposes, so backward
 * passes ({@code Xᵀ·dZ}, {@code dZ·Wᵀ}) never materialise a transpose.
 *
 * <p>Tiny products run as plain loops on the calling thread. Larger ones go through
 * {@link GemmBlocked}, a cache-blocked product with a packed panel of op(B) and an inner loop that
 * C2 turns into SIMD FMA; above {@link #PARALLEL_MIN} multiply-adds the rows (or columns, or for a
 * small C from a deep product the depth) are split into one contiguous block per core on the
 * {@link Parallel} worker team.
 */
public final class Gemm {
    /** Below this many multiply-adds (m·n·k) the plain loops win: no packing, no scratch. */
    static final long BLOCKED_MIN = 8_192;
    /**
     * From this many multiply-adds on, a second core pays for handing it half (about a µs with the
     * worker awake). 2¹⁶ puts the small model's [64, 32]·[32, 64]-sized products on both cores:
     * its step went from a median of 59.5 to 48.7 µs over five runs each; mnist was unchanged.
     */
    static final long PARALLEL_MIN = 1L << 16;
    /**
     * Widths of C below which, when C has at least twice as many rows, Cᵀ = op(B)ᵀ·op(A)ᵀ is
     * computed instead: C2's vector loop runs along a row of C, and a row of 10 values is mostly
     * its scalar start and end. Measured: [128, 10] products 1.3–2× faster.
     */
    static final int NARROW_OUTPUT = 32;
    /**
     * Widths of C up to which Cᵀ is also computed when C has at least {@link #LONG_COLUMNS} rows:
     * the rows of Cᵀ are then long enough for {@link GemmBlocked}'s long-row loop, which pays for
     * storing the result transposed. In one JVM against computing C directly: a wide layer's
     * [12288, 64] Xᵀ·dZ 0.85, [512, 64, 512] 0.85, [256, 32, 256] 0.80, [300, 60, 200] 0.93 of the
     * time; with only 128 rows ([128, 64, 128]) it was 1.11–1.26, so shorter C stays as it is.
     * Plain-Java kernel only: the Vector API kernel's register tile does not care how long a row
     * is, and there the transposed store made the same products 1.37–1.59× slower.
     */
    static final int NARROWISH_OUTPUT = 64;
    /** Rows of C from which a C up to {@link #NARROWISH_OUTPUT} wide is computed as Cᵀ. */
    static final int LONG_COLUMNS = 256;
    /** Rows or columns per core below which splitting C leaves vector loops too short. */
    private static final int NARROW = 64;
    /**
     * Rows per core from which C is split by rows rather than columns. Each core then packs the
     * whole panel of op(B) for itself, but its rows of C stay full width, the inner loop's best
     * case: mnist's [128, 256]-sized products ran 1.1–1.5× faster split by rows.
     */
    private static final int ROWS_PER_CORE = 48;
    /** Depth from which splitting the depth instead pays for adding the partial products. */
    private static final int DEEP = 1024;
    /**
     * The calling thread's partial products of a depth split (workers write their chunk's into the
     * caller's array, so it is free again when the call returns): (cores − 1) · m · n values, with m
     * and n under 64 per core.
     */
    private static final ThreadLocal<double[]> PARTIALS = ThreadLocal.withInitial(() -> new double[0]);

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

    /**
     * Whether products run on the Vector API kernel (the JVM was started with {@code --add-modules
     * jdk.incubator.vector}) rather than the plain-Java one.
     */
    public static boolean usesVectorApi() {
        return GemmBlocked.VECTOR;
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
        boolean transpose = g.n() < NARROW_OUTPUT && g.m() >= 2 * g.n()
                || !GemmBlocked.VECTOR && g.n() <= NARROWISH_OUTPUT && g.m() >= LONG_COLUMNS;
        blocked(transpose ? g.transposed() : g, work);
    }

    private static void blocked(Product g, long work) {
        int parts = work >= PARALLEL_MIN ? Parallel.cores() : 1;
        if (parts > 1 && Math.max(g.m(), g.n()) < NARROW * parts && g.k() >= DEEP) {
            splitDepth(g, parts);
        } else if (g.m() >= ROWS_PER_CORE * parts || g.m() >= g.n()) {
            Parallel.forRange(g.m(), parts, GemmBlocked.tileRows(g.n()), (from, to) -> GemmBlocked.multiply(g, from, to, 0, g.n(), 0, g.k()));
        } else {
            Parallel.forRange(g.n(), parts, 8, (from, to) -> GemmBlocked.multiply(g, 0, g.m(), from, to, 0, g.k()));
        }
    }

    /**
     * A small C from a deep product (a wide layer's [64, 12288]·[12288, 64]): splitting C would leave
     * each core rows too short to vectorise well, so the depth is split instead. The first range
     * writes C; each other one its own partial product, added to C after the join.
     */
    private static void splitDepth(Product g, int parts) {
        // Fixed chunks of the depth, each summed on its own and added to C in chunk order: the
        // result is the same whichever thread computes which chunk, also when the team is busy
        // and one thread computes them all.
        int m = g.m(), n = g.n(), k = g.k(), eights = (k + 7) / 8, size = m * n;
        double[] partials = partials((parts - 1) * size);
        Parallel.forRange(parts, parts, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                int p0 = Parallel.boundary(t, parts, eights, 8, k), p1 = Parallel.boundary(t + 1, parts, eights, 8, k);
                if (t == 0) {
                    GemmBlocked.multiply(g, 0, m, 0, n, p0, p1);
                } else {
                    GemmBlocked.multiply(g.writingTo(partials, (t - 1) * size), 0, m, 0, n, p0, p1);
                }
            }
        });
        double[] c = g.c();
        for (int t = 1; t < parts; t++) {
            for (int i = 0, q = (t - 1) * size; i < size; i++, q++) {
                c[g.cOff() + i] += partials[q];
            }
        }
    }

    /** The calling thread's array for partial products, at least {@code size} long. */
    private static double[] partials(int size) {
        double[] p = PARTIALS.get();
        if (p.length < size) {
            p = new double[size];
            PARTIALS.set(p);
        }
        return p;
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
