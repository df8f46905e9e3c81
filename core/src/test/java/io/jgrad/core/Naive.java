package io.jgrad.core;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Reference computations for the malformed-call property, written independently of the library:
 * plain loops over row-major arrays, one multi-index at a time, with the validity rules stated
 * directly (NumPy broadcasting, torch.matmul, axis ranges). A rule that makes a call invalid throws
 * {@link Invalid} with the exception type the library must throw.
 */
final class Naive {
    private Naive() {
    }

    /** An n-dimensional array: row-major values and dimensions. */
    record Nd(double[] v, int[] d) {
        Nd {
            if (v.length != size(d)) {
                throw new IllegalStateException("reference bug: " + v.length + " values for " + Arrays.toString(d));
            }
        }

        double at(int[] index) {
            return v[offset(index, d)];
        }
    }

    /** The call is invalid; the library must throw {@code type}. */
    static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Class<? extends RuntimeException> type;

        Invalid(Class<? extends RuntimeException> type, String why) {
            super(why, null, false, false);
            this.type = type;
        }
    }

    static Invalid invalid(String why) {
        return new Invalid(IllegalArgumentException.class, why);
    }

    static int size(int[] dims) {
        int n = 1;
        for (int x : dims) {
            n *= x;
        }
        return n;
    }

    static int offset(int[] index, int[] dims) {
        int off = 0;
        for (int i = 0; i < dims.length; i++) {
            off = off * dims[i] + index[i];
        }
        return off;
    }

    static int[] unravel(int flat, int[] dims) {
        int[] index = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            index[i] = flat % dims[i];
            flat /= dims[i];
        }
        return index;
    }

    static int axis(int axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw invalid("axis " + axis + " for rank " + rank);
        }
        return axis < 0 ? axis + rank : axis;
    }

    static int[] broadcastShape(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw invalid(Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** The element of {@code x} that position {@code index} of the broadcast shape reads. */
    static double broadcastRead(Nd x, int[] index) {
        int off = index.length - x.d().length;
        int[] own = new int[x.d().length];
        for (int i = 0; i < own.length; i++) {
            own[i] = x.d()[i] == 1 ? 0 : index[i + off];
        }
        return x.at(own);
    }

    static Nd map(Nd x, DoubleUnaryOperator f) {
        double[] out = new double[x.v().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(x.v()[i]);
        }
        return new Nd(out, x.d());
    }

    static Nd zip(Nd a, Nd b, DoubleBinaryOperator f) {
        int[] shape = broadcastShape(a.d(), b.d());
        double[] out = new double[size(shape)];
        for (int i = 0; i < out.length; i++) {
            int[] index = unravel(i, shape);
            out[i] = f.applyAsDouble(broadcastRead(a, index), broadcastRead(b, index));
        }
        return new Nd(out, shape);
    }

    /** Applies {@code f} to every slice along {@code axis}; the axis stays with size 1 or goes. */
    static Nd reduce(Nd x, int axis, boolean keep, ToDoubleFunction<double[]> f) {
        int ax = axis(axis, x.d().length);
        int n = x.d()[ax];
        int[] kept = x.d().clone();
        kept[ax] = 1;
        double[] out = new double[size(kept)];
        for (int p = 0; p < out.length; p++) {
            int[] index = unravel(p, kept);
            double[] slice = new double[n];
            for (int j = 0; j < n; j++) {
                index[ax] = j;
                slice[j] = x.at(index);
            }
            out[p] = f.applyAsDouble(slice);
        }
        return new Nd(out, keep ? kept : without(x.d(), ax));
    }

    static Nd reduceAll(Nd x, ToDoubleFunction<double[]> f) {
        return new Nd(new double[] {f.applyAsDouble(x.v())}, new int[0]);
    }

    static int[] without(int[] dims, int axis) {
        int[] out = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != axis) {
                out[j++] = dims[i];
            }
        }
        return out;
    }

    static double sum(double[] s) {
        double acc = 0;
        for (double v : s) {
            acc += v;
        }
        return acc;
    }

    /** NaN wins, then +∞; log Σ exp of nothing (or of only −∞) is −∞; else shifted by the maximum. */
    static double logSumExp(double[] s) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            m = Math.max(m, v);
        }
        if (Double.isInfinite(m)) {
            return m;
        }
        double acc = 0;
        for (double v : s) {
            acc += Math.exp(v - m);
        }
        return m + Math.log(acc);
    }

    /** The largest value, NaN if any is NaN; an empty slice has no maximum. */
    static double max(double[] s) {
        if (s.length == 0) {
            throw invalid("max of nothing");
        }
        double m = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            m = Math.max(m, v);
        }
        return m;
    }

    /** The first index of the maximum, where NaN counts as larger than everything (as torch.argmax). */
    static double argmax(double[] s) {
        if (s.length == 0) {
            throw invalid("argmax of nothing");
        }
        int best = 0;
        for (int j = 0; j < s.length; j++) {
            if (Double.isNaN(s[j])) {
                return j;
            }
            if (s[j] > s[best]) {
                best = j;
            }
        }
        return best;
    }

    static Nd transpose(Nd x, int d0, int d1) {
        int a = axis(d0, x.d().length), b = axis(d1, x.d().length);
        int[] dims = x.d().clone();
        dims[a] = x.d()[b];
        dims[b] = x.d()[a];
        double[] out = new double[x.v().length];
        for (int i = 0; i < out.length; i++) {
            int[] index = unravel(i, dims);
            int t = index[a];
            index[a] = index[b];
            index[b] = t;
            out[i] = x.at(index);
        }
        return new Nd(out, dims);
    }

    /** torch.reshape: at most one −1, inferred when the other dimensions divide the size. */
    static Nd reshape(Nd x, int[] requested) {
        int infer = -1;
        long known = 1;
        for (int i = 0; i < requested.length; i++) {
            if (requested[i] == -1 && infer < 0) {
                infer = i;
            } else if (requested[i] < 0) {
                throw invalid("bad dimension in " + Arrays.toString(requested));
            } else {
                known *= requested[i];
            }
        }
        int[] dims = requested.clone();
        if (infer >= 0) {
            if (known == 0 || x.v().length % known != 0) {
                throw invalid("cannot infer -1 in " + Arrays.toString(requested));
            }
            dims[infer] = (int) (x.v().length / known);
        } else if (known != x.v().length) {
            throw invalid("size mismatch for " + Arrays.toString(requested));
        }
        return new Nd(x.v().clone(), dims);
    }

    static Nd expand(Nd x, int[] target) {
        for (int t : target) {
            if (t < 0) {
                throw invalid("negative dimension");
            }
        }
        if (x.d().length > target.length) {
            throw invalid("expand to fewer dimensions");
        }
        int off = target.length - x.d().length;
        for (int i = 0; i < x.d().length; i++) {
            if (x.d()[i] != 1 && x.d()[i] != target[i + off]) {
                throw invalid("dimension " + i + " cannot be expanded");
            }
        }
        double[] out = new double[size(target)];
        for (int i = 0; i < out.length; i++) {
            out[i] = broadcastRead(x, unravel(i, target));
        }
        return new Nd(out, target.clone());
    }

    /** torch.matmul, by the definition: batch dimensions broadcast, 1-D operands are promoted and dropped. */
    static Nd matmul(Nd a, Nd b) {
        if (a.d().length == 0 || b.d().length == 0) {
            throw invalid("matmul of a scalar");
        }
        int[] da = a.d().length == 1 ? new int[] {1, a.d()[0]} : a.d();
        int[] db = b.d().length == 1 ? new int[] {b.d()[0], 1} : b.d();
        int m = da[da.length - 2], k = da[da.length - 1], n = db[db.length - 1];
        if (k != db[db.length - 2]) {
            throw invalid("inner dimensions differ");
        }
        int[] batch = broadcastShape(Arrays.copyOf(da, da.length - 2), Arrays.copyOf(db, db.length - 2));
        Nd a2 = new Nd(a.v(), da);
        Nd b2 = new Nd(b.v(), db);
        int[] outDims = Arrays.copyOf(batch, batch.length + 2);
        outDims[batch.length] = m;
        outDims[batch.length + 1] = n;
        double[] out = new double[size(outDims)];
        for (int p = 0; p < out.length; p++) {
            int[] index = unravel(p, outDims);
            int i = index[batch.length], j = index[batch.length + 1];
            double acc = 0;
            for (int t = 0; t < k; t++) {
                index[batch.length] = i;
                index[batch.length + 1] = t;
                double x = broadcastRead(a2, index);
                index[batch.length] = t;
                index[batch.length + 1] = j;
                acc += x * broadcastRead(b2, index);
            }
            out[p] = acc;
        }
        int[] finalDims = outDims;
        if (a.d().length == 1) {
            finalDims = without(finalDims, finalDims.length - 2);
        }
        if (b.d().length == 1) {
            finalDims = without(finalDims, finalDims.length - 1);
        }
        return new Nd(out, finalDims);
    }

    static Nd indexSelect(Nd x, int axis, int[] indices) {
        int ax = axis(axis, x.d().length);
        checkIndices(indices, x.d()[ax]);
        int[] dims = x.d().clone();
        dims[ax] = indices.length;
        double[] out = new double[size(dims)];
        for (int p = 0; p < out.length; p++) {
            int[] index = unravel(p, dims);
            index[ax] = indices[index[ax]];
            out[p] = x.at(index);
        }
        return new Nd(out, dims);
    }

    static Nd gather(Nd x, int axis, int[] indices) {
        int ax = axis(axis, x.d().length);
        int[] dims = without(x.d(), ax);
        if (indices.length != size(dims)) {
            throw invalid(indices.length + " indices for " + Arrays.toString(dims));
        }
        checkIndices(indices, x.d()[ax]);
        double[] out = new double[indices.length];
        for (int p = 0; p < out.length; p++) {
            int[] rest = unravel(p, dims);
            int[] index = new int[x.d().length];
            for (int i = 0, j = 0; i < index.length; i++) {
                index[i] = i == ax ? indices[p] : rest[j++];
            }
            out[p] = x.at(index);
        }
        return new Nd(out, dims);
    }

    private static void checkIndices(int[] indices, int n) {
        for (int i : indices) {
            if (i < 0 || i >= n) {
                throw new Invalid(IndexOutOfBoundsException.class, "index " + i + " of " + n);
            }
        }
    }

    /** x[index], negative coordinates counting from the end of their dimension. */
    static double get(Nd x, int[] index) {
        if (index.length != x.d().length) {
            throw invalid(index.length + " coordinates for rank " + x.d().length);
        }
        int[] own = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            own[i] = index[i] < 0 ? index[i] + x.d()[i] : index[i];
            if (own[i] < 0 || own[i] >= x.d()[i]) {
                throw new Invalid(IndexOutOfBoundsException.class, "coordinate " + index[i]);
            }
        }
        return x.at(own);
    }
}
