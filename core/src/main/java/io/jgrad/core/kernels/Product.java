package io.jgrad.core.kernels;

/**
 * The operands of one matrix product {@code C (+)= op(A) · op(B)}: dimensions, storage and
 * offsets, and how to step through op(A) and op(B) in their row-major storage. When
 * {@code transC}, the [m, n] result is stored transposed: element (i, j) at {@code cOff + j·m + i}.
 */
record Product(boolean transA, boolean transB, int m, int n, int k,
               double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, boolean accumulate,
               boolean transC) {

    Product(boolean transA, boolean transB, int m, int n, int k,
            double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, boolean accumulate) {
        this(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, false);
    }

    /**
     * The same product computed as Cᵀ = op(B)ᵀ · op(A)ᵀ into the same storage: the rows of Cᵀ are
     * the columns of C, so a narrow C ([*, 10]) becomes long rows for the vector loop.
     */
    Product transposed() {
        return new Product(!transB, !transA, n, m, k, b, bOff, a, aOff, c, cOff, accumulate, !transC);
    }

    /** Index in {@code c} of element (i, j) of the [m, n] result. */
    int cIndex(int i, int j) {
        return transC ? cOff + j * m + i : cOff + i * n + j;
    }

    /** Copies result elements (i, j) … (i, j + len − 1) into {@code dst[0 : len]}. */
    void loadRow(int i, int j, double[] dst, int len) {
        int q = cIndex(i, j);
        if (!transC) {
            System.arraycopy(c, q, dst, 0, len);
            return;
        }
        for (int x = 0; x < len; x++, q += m) {
            dst[x] = c[q];
        }
    }

    /**
     * Writes {@code src[srcOff : srcOff + len]} to result elements (i, j) … (i, j + len − 1), or
     * adds it to them when {@code add}. The only code besides {@link #cIndex} that knows how C is
     * laid out, so both kernels store through it.
     */
    void storeRow(int i, int j, double[] src, int srcOff, int len, boolean add) {
        int q = cIndex(i, j), step = transC ? m : 1;
        if (!transC && !add) {
            System.arraycopy(src, srcOff, c, q, len);
            return;
        }
        for (int x = 0; x < len; x++, q += step) {
            c[q] = add ? c[q] + src[srcOff + x] : src[srcOff + x];
        }
    }

    /** Distance in {@code a} between op(A)[i, p] and op(A)[i + 1, p]. */
    int aRowStride() {
        return transA ? 1 : k;
    }

    /** Distance in {@code a} between op(A)[i, p] and op(A)[i, p + 1]. */
    int aColStride() {
        return transA ? m : 1;
    }

    /** The same product written (not added) into {@code out} from offset {@code off}, laid out like C. */
    Product writingTo(double[] out, int off) {
        return new Product(transA, transB, m, n, k, a, aOff, b, bOff, out, off, false, transC);
    }

    void check() {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm: dimensions must be >= 0, got m = " + m + ", n = " + n
                    + ", k = " + k);
        }
        checkFits("A", a, aOff, (long) m * k);
        checkFits("B", b, bOff, (long) k * n);
        checkFits("C", c, cOff, (long) m * n);
    }

    private void checkFits(String name, double[] x, int off, long size) {
        if (off < 0 || off + size > x.length) {
            throw new IllegalArgumentException("gemm: " + name + " needs " + size + " values from offset " + off
                    + " (m = " + m + ", n = " + n + ", k = " + k + ") but its array has length " + x.length);
        }
    }
}
