package io.jgrad.core.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The blocked product of {@link GemmBlocked} written with the incubating Vector API, used only when
 * the JVM was started with {@code --add-modules jdk.incubator.vector} (see
 * {@link GemmBlocked#VECTOR}; this class is loaded only then).
 * op(B) is packed into panels {@link #NR} columns wide and op(A) into slivers of {@link #MR} rows,
 * so the inner loop keeps a 4 × 2-vector tile of C in registers: per depth step two vector loads
 * and four broadcasts feed eight FMAs.
 */
final class VectorGemm {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    private static final int MR = 4;
    private static final int NR = 2 * L;
    private static final int KC = 256;
    private static final int NC = 256;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final double[] panel = new double[KC * (NC + NR)];
        final double[] sliver = new double[KC * MR];
        final double[] tile = new double[MR * NR];
    }

    private VectorGemm() {
    }

    /** Rows {@code [i0, i1)}, columns {@code [j0, j1)} of C over the depth {@code [p0, p1)}. */
    static void multiply(Product g, int i0, int i1, int j0, int j1, int p0, int p1) {
        Scratch s = SCRATCH.get();
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = p0; pc < p1; pc += KC) {
                int kc = Math.min(KC, p1 - pc);
                boolean add = g.accumulate() || pc > p0;
                packPanel(g, s.panel, pc, kc, jc, nc);
                for (int i = i0; i < i1; i += MR) {
                    int mr = Math.min(MR, i1 - i);
                    packSliver(g, s.sliver, i, mr, pc, kc);
                    for (int q = 0; q < nc; q += NR) {
                        tile(s.sliver, s.panel, q * kc, kc, s.tile);
                        store(g, s.tile, i, mr, jc + q, Math.min(NR, nc - q), add);
                    }
                }
            }
        }
    }

    /** op(B)[pc : pc + kc, jc : jc + nc] as panels of NR columns, each kc rows of NR, zero-padded. */
    private static void packPanel(Product g, double[] panel, int pc, int kc, int jc, int nc) {
        double[] b = g.b();
        for (int q = 0; q < nc; q += NR) {
            int width = Math.min(NR, nc - q), base = q * kc;
            for (int p = 0; p < kc; p++) {
                int dst = base + p * NR;
                if (g.transB()) {
                    for (int j = 0; j < width; j++) {
                        panel[dst + j] = b[g.bOff() + (jc + q + j) * g.k() + pc + p];
                    }
                } else {
                    System.arraycopy(b, g.bOff() + (pc + p) * g.n() + jc + q, panel, dst, width);
                }
                for (int j = width; j < NR; j++) {
                    panel[dst + j] = 0.0;
                }
            }
        }
    }

    /** op(A)[i : i + mr, pc : pc + kc] depth-major (MR values per depth step), zero-padded rows. */
    private static void packSliver(Product g, double[] sliver, int i, int mr, int pc, int kc) {
        double[] a = g.a();
        int rs = g.aRowStride(), cs = g.aColStride();
        for (int p = 0; p < kc; p++) {
            int src = g.aOff() + i * rs + (pc + p) * cs;
            for (int r = 0; r < MR; r++) {
                sliver[p * MR + r] = r < mr ? a[src + r * rs] : 0.0;
            }
        }
    }

    /** tile[4 × NR] = sliver[kc × 4]ᵀ · panel[kc × NR], accumulated in eight vector registers. */
    private static void tile(double[] sliver, double[] panel, int bo, int kc, double[] tile) {
        DoubleVector c00 = DoubleVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00;
        DoubleVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        for (int p = 0; p < kc; p++) {
            int q = bo + p * NR, a = p * MR;
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, panel, q);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, panel, q + L);
            DoubleVector x = DoubleVector.broadcast(SPECIES, sliver[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(SPECIES, sliver[a + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(SPECIES, sliver[a + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(SPECIES, sliver[a + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
    }

    /** Writes (or adds) the valid mr × nr corner of the tile into C at row i, column j. */
    private static void store(Product g, double[] tile, int i, int mr, int j, int nr, boolean add) {
        for (int r = 0; r < mr; r++) {
            g.storeRow(i + r, j, tile, r * NR, nr, add);
        }
    }
}
