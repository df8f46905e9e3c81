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
                        int nr = Math.min(NR, nc - q);
                        if (mr == MR && nr == NR && !g.transC()) {
                            // A whole tile of a row-major C: read and written in place, in registers.
                            tile(s.sliver, s.panel, q * kc, kc, g.c(), g.cIndex(i, jc + q), g.n(), add);
                        } else {
                            tile(s.sliver, s.panel, q * kc, kc, s.tile, 0, NR, false);
                            store(g, s.tile, i, mr, jc + q, nr, add);
                        }
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
                } else if (width == NR) {
                    // Two vector moves: a System.arraycopy call per NR values cost more than the copy.
                    int src = g.bOff() + (pc + p) * g.n() + jc + q;
                    DoubleVector.fromArray(SPECIES, b, src).intoArray(panel, dst);
                    DoubleVector.fromArray(SPECIES, b, src + L).intoArray(panel, dst + L);
                    continue;
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
        if (mr == MR) {
            for (int p = 0, src = g.aOff() + i * rs + pc * cs; p < kc; p++, src += cs) {
                sliver[p * MR] = a[src];
                sliver[p * MR + 1] = a[src + rs];
                sliver[p * MR + 2] = a[src + 2 * rs];
                sliver[p * MR + 3] = a[src + 3 * rs];
            }
            return;
        }
        for (int p = 0; p < kc; p++) {
            int src = g.aOff() + i * rs + (pc + p) * cs;
            for (int r = 0; r < MR; r++) {
                sliver[p * MR + r] = r < mr ? a[src + r * rs] : 0.0;
            }
        }
    }

    /**
     * out[4 rows × NR] (+)= sliver[kc × 4]ᵀ · panel[kc × NR], accumulated in eight vector registers;
     * row r of the tile is {@code out[o + r·ld : o + r·ld + NR]} (C itself, or the scratch tile).
     */
    private static void tile(double[] sliver, double[] panel, int bo, int kc, double[] out, int o, int ld,
                             boolean add) {
        int o1 = o + ld, o2 = o1 + ld, o3 = o2 + ld;
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
        if (add) {
            // Added after the loop, not loaded before it: the FMAs need not wait for C, and the sum
            // is C + product as in the scalar store.
            c00 = DoubleVector.fromArray(SPECIES, out, o).add(c00);
            c01 = DoubleVector.fromArray(SPECIES, out, o + L).add(c01);
            c10 = DoubleVector.fromArray(SPECIES, out, o1).add(c10);
            c11 = DoubleVector.fromArray(SPECIES, out, o1 + L).add(c11);
            c20 = DoubleVector.fromArray(SPECIES, out, o2).add(c20);
            c21 = DoubleVector.fromArray(SPECIES, out, o2 + L).add(c21);
            c30 = DoubleVector.fromArray(SPECIES, out, o3).add(c30);
            c31 = DoubleVector.fromArray(SPECIES, out, o3 + L).add(c31);
        }
        c00.intoArray(out, o);
        c01.intoArray(out, o + L);
        c10.intoArray(out, o1);
        c11.intoArray(out, o1 + L);
        c20.intoArray(out, o2);
        c21.intoArray(out, o2 + L);
        c30.intoArray(out, o3);
        c31.intoArray(out, o3 + L);
    }

    /** Writes (or adds) the valid mr × nr corner of the tile into C at row i, column j. */
    private static void store(Product g, double[] tile, int i, int mr, int j, int nr, boolean add) {
        for (int r = 0; r < mr; r++) {
            g.storeRow(i + r, j, tile, r * NR, nr, add);
        }
    }
}
