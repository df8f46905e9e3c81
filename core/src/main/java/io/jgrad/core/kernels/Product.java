package io.jgrad.core.kernels;

/**
 * The operands of one matrix product {@code C (+)= op(A) · op(B)}: dimensions, storage and
 * offsets, and how to step through op(A) and op(B) in their row-major storage.
 */
record Product(boolean transA, boolean transB, int m, int n, int k,
               double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, boolean accumulate) {

    /** Distance in {@code a} between op(A)[i, p] and op(A)[i + 1, p]. */
    int aRowStride() {
        return transA ? 1 : k;
    }

    /** Distance in {@code a} between op(A)[i, p] and op(A)[i, p + 1]. */
    int aColStride() {
        return transA ? m : 1;
    }

    /** The same product written (not added) into a fresh [m, n] array {@code out}. */
    Product writingTo(double[] out) {
        return new Product(transA, transB, m, n, k, a, aOff, b, bOff, out, 0, false);
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
