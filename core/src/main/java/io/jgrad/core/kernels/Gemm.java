package io.jgrad.core.kernels;

/**
 * Dense matrix product kernels over row-major {@code double[]} storage:
 * {@code C = op(A) · op(B)} where {@code op} optionally transposes, so backward passes
 * ({@code Xᵀ·dZ}, {@code dZ·Wᵀ}) never materialise a transpose.
 */
public final class Gemm {
    private Gemm() {
    }

    /**
     * Overwrites C[m, n] (at {@code cOff}) with op(A)[m, k] · op(B)[k, n]. A is stored [m, k]
     * (or [k, m] when {@code transA}); B is stored [k, n] (or [n, k] when {@code transB}).
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        double[] bRows = b;
        int bBase = bOff;
        if (transB) {
            // Pack op(B) into row-major [k, n] so the inner loop streams one array into another.
            bRows = new double[k * n];
            bBase = 0;
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    bRows[p * n + j] = b[bOff + j * k + p];
                }
            }
        }
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            java.util.Arrays.fill(c, ci, ci + n, 0.0);
            for (int p = 0; p < k; p++) {
                double aip = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                int bp = bBase + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * bRows[bp + j];
                }
            }
        }
    }
}
