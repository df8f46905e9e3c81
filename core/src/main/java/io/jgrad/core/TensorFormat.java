package io.jgrad.core;

/** Prints tensor values as nested lists, eliding the middle of long dimensions. */
final class TensorFormat {
    private static final int EDGE = 3;

    private TensorFormat() {
    }

    static void appendValues(StringBuilder sb, double[] data, int[] dims) {
        if (dims.length == 0) {
            sb.append(format(data[0]));
            return;
        }
        append(sb, data, dims, 0, 0);
    }

    private static void append(StringBuilder sb, double[] data, int[] dims, int axis, int offset) {
        int n = dims[axis];
        int stride = 1;
        for (int i = axis + 1; i < dims.length; i++) {
            stride *= dims[i];
        }
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (n > 2 * EDGE && i == EDGE) {
                sb.append("..., ");
                i = n - EDGE;
            }
            if (axis == dims.length - 1) {
                sb.append(format(data[offset + i]));
            } else {
                append(sb, data, dims, axis + 1, offset + i * stride);
            }
            if (i < n - 1) {
                sb.append(", ");
            }
        }
        sb.append(']');
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v) + ".";
        }
        return String.format(java.util.Locale.ROOT, "%.6g", v);
    }
}
