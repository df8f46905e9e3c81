package io.jgrad.core;

/**
 * Walks an N-dimensional index space as a sequence of innermost runs, tracking the offset of three
 * operands (two inputs and an output) that may each have stride 0 in a broadcast dimension.
 * Adjacent dimensions that are contiguous for every operand are merged first, so a same-shape
 * operation is one run over the whole array and a bias add over [m, n] is m runs of n.
 */
final class Strided {
    private Strided() {
    }

    /** One innermost run: n elements, each operand at its offset with its inner stride. */
    interface Run {
        void run(int ao, int as, int bo, int bs, int oo, int os, int n);
    }

    static void forEachRun(int[] dims, int[] sa, int[] sb, int[] so, Run body) {
        int r = dims.length;
        int[] d = new int[r];
        int[][] s = new int[3][r];
        int k = 0;
        // Merge from the innermost dimension outwards; size-1 dimensions never matter.
        for (int i = r - 1; i >= 0; i--) {
            if (dims[i] == 1) {
                continue;
            }
            if (dims[i] == 0) {
                return;
            }
            if (k > 0 && sa[i] == s[0][k - 1] * d[k - 1] && sb[i] == s[1][k - 1] * d[k - 1]
                    && so[i] == s[2][k - 1] * d[k - 1]) {
                // Contiguous for every operand (or stride 0 for all): fold into the inner dimension.
                d[k - 1] *= dims[i];
                continue;
            }
            d[k] = dims[i];
            s[0][k] = sa[i];
            s[1][k] = sb[i];
            s[2][k] = so[i];
            k++;
        }
        if (k == 0) {
            body.run(0, 0, 0, 0, 0, 0, 1);
            return;
        }
        // d[0] is now the innermost (run) dimension; the rest are walked by an odometer.
        int n = d[0];
        int[] idx = new int[k];
        int ao = 0, bo = 0, oo = 0;
        while (true) {
            body.run(ao, s[0][0], bo, s[1][0], oo, s[2][0], n);
            int j = 1;
            for (; j < k; j++) {
                idx[j]++;
                ao += s[0][j];
                bo += s[1][j];
                oo += s[2][j];
                if (idx[j] < d[j]) {
                    break;
                }
                ao -= s[0][j] * d[j];
                bo -= s[1][j] * d[j];
                oo -= s[2][j] * d[j];
                idx[j] = 0;
            }
            if (j == k) {
                return;
            }
        }
    }

}
