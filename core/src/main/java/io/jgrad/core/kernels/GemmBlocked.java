package io.jgrad.core.kernels;

import java.util.Arrays;

/**
 * The cache-blocked product behind {@link Gemm}, for one block of C on one thread.
 *
 * <p>C2 (Java 17) vectorises a loop only when every array in it is indexed at one running index
 * with the same alignment and the body stays small; reading and writing one flat array at two
 * offsets keeps it scalar. So a panel of op(B) is packed into separate row arrays, the rows of C
 * being computed live in separate scratch row arrays, and the inner loop updates three or four
 * such rows from three panel rows, always at index {@code j}. The scratch rows are copied into C
 * once, after the whole depth {@code k}.
 *
 * <p>C2 also sizes a loop's vectors by the trip counts it has seen: a loop that ran over rows of
 * 32–64 gets 4-wide vectors and no unrolling, one that ran over rows of 256 gets 8-wide vectors,
 * unrolled. Rows from {@link #LONG_ROWS} on therefore go through their own loop, {@link #rows4},
 * and shorter ones through {@link #rows3}, so neither is compiled for the other's lengths.
 *
 * <p>Each of those methods, and {@link #row1}, ends with a tail loop over the last panel rows, and
 * its main loop stops while at least one row is left, so the tail runs on every call. When
 * {@link #rows4}'s tail never ran while C2 profiled it (every depth a multiple of three, as in
 * square products of 192, 384, 576 or 768), C2 compiled its main loop scalar: those products ran
 * at 21–25 GFLOPS in a fresh JVM, and at 54–68 with the tail always running. {@link #rows3} and
 * {@link #row1} were not seen to do so; they keep the same rule so that no kernel's speed hangs on
 * which depths came first, at a cost lost in the noise (square products of 96, four fresh JVMs
 * each: median 50.9 GFLOPS with it, 52.4 without).
 */
final class GemmBlocked {
    /** Row length of C from which {@link #rows4} runs instead of {@link #rows3}. */
    static final int LONG_ROWS = 128;
    /**
     * Depth of a packed panel of op(B): its rows stay in L2 while a block of C rows sweeps them.
     * One more than a multiple of three, so that a whole panel leaves one row for the tail loop
     * (with 129, three rows went through it: 1024³ products took 1.02–1.04 of the time).
     */
    private static final int KC = 130;
    /** Width of a panel, and of the scratch rows of C. */
    private static final int NC = 256;
    /**
     * Rows of C kept in scratch at once (a multiple of both tile heights). A depth deeper than one
     * panel packs each panel again for every block of rows, so the block is large: with 120 rows a
     * 1024³ product packed each panel five times per core; with 516 (1 MB of scratch per thread),
     * once, and took 0.94 of the time (2048³: 0.90, 512³: 0.95). The rows of C stream through
     * L2 a few at a time; only the panel needs to stay there.
     */
    private static final int MC = 516;

    /**
     * Whether {@link VectorGemm} runs instead: the JVM was started with {@code --add-modules
     * jdk.incubator.vector} and the system property {@code jgrad.vector} is not {@code false} (so
     * both paths can be measured with the same flags).
     */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("jgrad.vector"));

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Per-thread buffers, allocated once, so a product allocates nothing. */
    private static final class Scratch {
        final double[][] panel = new double[KC][ROW];
        final double[][] rows = new double[MC][ROW];
    }

    /**
     * Allocated length of a scratch row: NC plus 6, so that a row with its 16-byte array header
     * takes a whole number of 64-byte cache lines (16 + 262·8 = 33·64), and rows allocated one after
     * another can start at the same offset within a line (C2 aligns a loop's vector accesses to one
     * of its arrays). With rows of 256, a [64, 32, 64] product took 15.9–22.6 µs on one core; with
     * 262, 14.0–14.7 µs. The JVM does not keep the rows lined up, though: in a later probe they
     * spread over four offsets as allocated and two after a garbage collection, and putting every
     * row on one offset did not move 512³ beyond the spread between JVMs (bench/RESULTS.md, eighth
     * round).
     */
    private static final int ROW = NC + 6;

    private GemmBlocked() {
    }

    /** Rows of C one pass of the inner loop updates, for rows of C {@code n} long (to align splits to). */
    static int tileRows(int n) {
        return n >= LONG_ROWS ? 4 : 3;
    }

    /**
     * Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of C, summing over the depth
     * range {@code [p0, p1)} only.
     */
    static void multiply(Product g, int i0, int i1, int j0, int j1, int p0, int p1) {
        if (VECTOR) {
            VectorGemm.multiply(g, i0, i1, j0, j1, p0, p1);
            return;
        }
        Scratch s = SCRATCH.get();
        int ars = g.aRowStride(), acs = g.aColStride();
        // A depth that fits one panel (a weight gradient Xᵀ·dZ over a batch) is packed once per
        // column block, not once per block of rows.
        boolean onePanel = p1 - p0 <= KC;
        // A C stored transposed is read a column at a time, one cache line per value: its old values
        // are added in the pass that writes it back rather than loaded in a pass of their own.
        boolean addAtStore = g.accumulate() && g.transC();
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            if (onePanel) {
                pack(g, s.panel, p0, p1 - p0, jc, nc);
            }
            for (int ic = i0; ic < i1; ic += MC) {
                int mc = Math.min(MC, i1 - ic);
                double[][] rows = s.rows;
                for (int r = 0; r < mc; r++) {
                    if (g.accumulate() && !addAtStore) {
                        g.loadRow(ic + r, jc, rows[r], nc);
                    } else {
                        Arrays.fill(rows[r], 0, nc, 0.0);
                    }
                }
                for (int pc = p0; pc < p1; pc += KC) {
                    int kc = Math.min(KC, p1 - pc);
                    if (!onePanel) {
                        pack(g, s.panel, pc, kc, jc, nc);
                    }
                    int r = 0;
                    if (nc >= LONG_ROWS) {
                        for (; r + 4 <= mc; r += 4) {
                            int ao = g.aOff() + (ic + r) * ars + pc * acs;
                            rows4(g.a(), ao, ars, acs, s.panel, kc, rows[r], rows[r + 1], rows[r + 2], rows[r + 3], nc);
                        }
                    } else {
                        for (; r + 3 <= mc; r += 3) {
                            int ao = g.aOff() + (ic + r) * ars + pc * acs;
                            rows3(g.a(), ao, ars, acs, s.panel, kc, rows[r], rows[r + 1], rows[r + 2], nc);
                        }
                    }
                    for (; r < mc; r++) {
                        row1(g.a(), g.aOff() + (ic + r) * ars + pc * acs, acs, s.panel, kc, rows[r], nc);
                    }
                }
                for (int r = 0; r < mc; r++) {
                    g.storeRow(ic + r, jc, rows[r], 0, nc, addAtStore);
                }
            }
        }
    }

    /** Copies op(B)[pc : pc + kc, jc : jc + nc] into the first kc panel rows. */
    private static void pack(Product g, double[][] panel, int pc, int kc, int jc, int nc) {
        double[] b = g.b();
        if (!g.transB()) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, g.bOff() + (pc + p) * g.n() + jc, panel[p], 0, nc);
            }
            return;
        }
        // op(B)[p, j] = B[j, p]: a transpose, done eight panel rows at a time so that each stored
        // row of B is read in runs of eight neighbours and each panel row is written in order.
        int k = g.k();
        int p = 0;
        for (; p + 8 <= kc; p += 8) {
            double[] r0 = panel[p], r1 = panel[p + 1], r2 = panel[p + 2], r3 = panel[p + 3];
            double[] r4 = panel[p + 4], r5 = panel[p + 5], r6 = panel[p + 6], r7 = panel[p + 7];
            for (int j = 0, q = g.bOff() + jc * k + pc + p; j < nc; j++, q += k) {
                r0[j] = b[q];
                r1[j] = b[q + 1];
                r2[j] = b[q + 2];
                r3[j] = b[q + 3];
                r4[j] = b[q + 4];
                r5[j] = b[q + 5];
                r6[j] = b[q + 6];
                r7[j] = b[q + 7];
            }
        }
        for (; p < kc; p++) {
            double[] row = panel[p];
            for (int j = 0, q = g.bOff() + jc * k + pc + p; j < nc; j++, q += k) {
                row[j] = b[q];
            }
        }
    }

    /**
     * Three rows of C += op(A)[3 rows, kc] · panel[kc, n], for rows shorter than {@link #LONG_ROWS}:
     * three panel rows per pass, each loaded once for the three C rows (nine FMAs per six loads and
     * three stores). Measured against 4×2, 2×4, 2×3 and 3×2 row-by-panel tiles, this one vectorised
     * best on short rows; with four C rows C2 leaves a loop over 32–64 values scalar (2× slower).
     * op(A)[r, p] is {@code a[ao + r·rs + p·cs]}.
     */
    private static void rows3(double[] a, int ao, int rs, int cs, double[][] panel, int kc,
                              double[] t0, double[] t1, double[] t2, int n) {
        int p = 0;
        for (; p + 3 < kc; p += 3, ao += 3 * cs) { // <: the tail always runs (class comment)
            int o1 = ao + cs, o2 = o1 + cs;
            double a00 = a[ao], a01 = a[o1], a02 = a[o2];
            double a10 = a[ao + rs], a11 = a[o1 + rs], a12 = a[o2 + rs];
            double a20 = a[ao + 2 * rs], a21 = a[o1 + 2 * rs], a22 = a[o2 + 2 * rs];
            double[] x0 = panel[p], x1 = panel[p + 1], x2 = panel[p + 2];
            for (int j = 0; j < n; j++) {
                double v0 = x0[j], v1 = x1[j], v2 = x2[j];
                t0[j] = Math.fma(a02, v2, Math.fma(a01, v1, Math.fma(a00, v0, t0[j])));
                t1[j] = Math.fma(a12, v2, Math.fma(a11, v1, Math.fma(a10, v0, t1[j])));
                t2[j] = Math.fma(a22, v2, Math.fma(a21, v1, Math.fma(a20, v0, t2[j])));
            }
        }
        for (; p < kc; p++, ao += cs) {
            double a0 = a[ao], a1 = a[ao + rs], a2 = a[ao + 2 * rs];
            double[] x = panel[p];
            for (int j = 0; j < n; j++) {
                double xj = x[j];
                t0[j] = Math.fma(a0, xj, t0[j]);
                t1[j] = Math.fma(a1, xj, t1[j]);
                t2[j] = Math.fma(a2, xj, t2[j]);
            }
        }
    }

    /**
     * Four rows of C += op(A)[4 rows, kc] · panel[kc, n], for rows of {@link #LONG_ROWS} or more:
     * twelve FMAs per seven loads and four stores. On long rows C2 vectorises it 8 wide; against
     * {@link #rows3} on the same rows, in one JVM: 1024³ products 0.93 of the time, mnist's
     * [128, 256, 784] 0.89 and [784, 256, 128] Xᵀ·dZ 0.88. Its tail (the last one to three panel
     * rows) repeats {@link #rows3}'s on purpose: handing both tails to {@link #row1}, one C row at a
     * time, made wide's [12288, 64] Xᵀ·dZ 2.8× slower in one JVM.
     */
    private static void rows4(double[] a, int ao, int rs, int cs, double[][] panel, int kc,
                              double[] t0, double[] t1, double[] t2, double[] t3, int n) {
        int p = 0;
        for (; p + 3 < kc; p += 3, ao += 3 * cs) { // <: the tail always runs (class comment)
            int o1 = ao + cs, o2 = o1 + cs;
            double a00 = a[ao], a01 = a[o1], a02 = a[o2];
            double a10 = a[ao + rs], a11 = a[o1 + rs], a12 = a[o2 + rs];
            double a20 = a[ao + 2 * rs], a21 = a[o1 + 2 * rs], a22 = a[o2 + 2 * rs];
            double a30 = a[ao + 3 * rs], a31 = a[o1 + 3 * rs], a32 = a[o2 + 3 * rs];
            double[] x0 = panel[p], x1 = panel[p + 1], x2 = panel[p + 2];
            for (int j = 0; j < n; j++) {
                double v0 = x0[j], v1 = x1[j], v2 = x2[j];
                t0[j] = Math.fma(a02, v2, Math.fma(a01, v1, Math.fma(a00, v0, t0[j])));
                t1[j] = Math.fma(a12, v2, Math.fma(a11, v1, Math.fma(a10, v0, t1[j])));
                t2[j] = Math.fma(a22, v2, Math.fma(a21, v1, Math.fma(a20, v0, t2[j])));
                t3[j] = Math.fma(a32, v2, Math.fma(a31, v1, Math.fma(a30, v0, t3[j])));
            }
        }
        for (; p < kc; p++, ao += cs) {
            double a0 = a[ao], a1 = a[ao + rs], a2 = a[ao + 2 * rs], a3 = a[ao + 3 * rs];
            double[] x = panel[p];
            for (int j = 0; j < n; j++) {
                double xj = x[j];
                t0[j] = Math.fma(a0, xj, t0[j]);
                t1[j] = Math.fma(a1, xj, t1[j]);
                t2[j] = Math.fma(a2, xj, t2[j]);
                t3[j] = Math.fma(a3, xj, t3[j]);
            }
        }
    }

    /** One row of C += op(A)[1 row, kc] · panel[kc, n], four panel rows per pass. */
    private static void row1(double[] a, int ao, int cs, double[][] panel, int kc, double[] t, int n) {
        int p = 0;
        for (; p + 4 < kc; p += 4, ao += 4 * cs) { // <: the tail always runs (class comment)
            double a0 = a[ao], a1 = a[ao + cs], a2 = a[ao + 2 * cs], a3 = a[ao + 3 * cs];
            double[] x0 = panel[p], x1 = panel[p + 1], x2 = panel[p + 2], x3 = panel[p + 3];
            for (int j = 0; j < n; j++) {
                t[j] = Math.fma(a3, x3[j], Math.fma(a2, x2[j], Math.fma(a1, x1[j], Math.fma(a0, x0[j], t[j]))));
            }
        }
        for (; p < kc; p++, ao += cs) {
            double a0 = a[ao];
            double[] x0 = panel[p];
            for (int j = 0; j < n; j++) {
                t[j] = Math.fma(a0, x0[j], t[j]);
            }
        }
    }
}
