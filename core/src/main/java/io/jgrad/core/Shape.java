package io.jgrad.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * The dimensions of a tensor, outermost first (row-major). Immutable; {@code []} is a scalar.
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        this.dims = dims;
        long n = 1;
        for (int d : dims) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims)
                        + " has more than " + Integer.MAX_VALUE + " elements; a tensor is backed by one double[]");
            }
        }
        this.size = (int) n;
    }

    /** A shape with the given dimensions; every dimension must be at least 0. */
    public static Shape of(int... dims) {
        Objects.requireNonNull(dims, "Shape.of: dims is null");
        if (dims.length == 0) {
            return SCALAR;
        }
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("Shape.of: dimensions " + Arrays.toString(dims)
                        + " include a negative one; every dimension must be >= 0");
            }
        }
        return new Shape(dims.clone());
    }

    /** The scalar shape {@code []}. */
    public static Shape scalar() {
        return SCALAR;
    }

    /** Number of dimensions (0 for a scalar). */
    public int rank() {
        return dims.length;
    }

    /** Number of elements: the product of the dimensions (1 for a scalar). */
    public int size() {
        return size;
    }

    /** Dimension {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return dims[normalizeAxis(axis, "dim")];
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Row-major strides in elements (the last dimension has stride 1). */
    public int[] strides() {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** Resolves a possibly negative axis against this rank, or explains which axes {@code op} accepts. */
    public int normalizeAxis(int axis, String op) {
        Objects.requireNonNull(op, "normalizeAxis: op is null");
        int r = dims.length;
        if (axis < -r || axis >= r) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for shape " + this
                    + (r == 0 ? " (a scalar has no axes)" : " (valid axes are " + (-r) + " to " + (r - 1) + ")"));
        }
        return axis < 0 ? axis + r : axis;
    }

    /** This shape with dimension {@code axis} set to {@code value}. */
    Shape with(int axis, int value) {
        int[] d = dims.clone();
        d[axis] = value;
        return new Shape(d);
    }

    /** This shape with dimension {@code axis} removed. */
    Shape without(int axis) {
        int[] d = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != axis) {
                d[j++] = dims[i];
            }
        }
        return d.length == 0 ? SCALAR : new Shape(d);
    }

    /** Product of the dimensions before {@code axis}. */
    int outer(int axis) {
        int n = 1;
        for (int i = 0; i < axis; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** Product of the dimensions after {@code axis}. */
    int inner(int axis) {
        int n = 1;
        for (int i = axis + 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** Raw dimension array; callers must not modify it. */
    int[] dimsUnsafe() {
        return dims;
    }

    /**
     * The NumPy broadcast of two shapes: align trailing dimensions; each pair must be equal or
     * contain a 1.
     */
    public static Shape broadcast(String op, Shape a, Shape b) {
        Objects.requireNonNull(op, "Shape.broadcast: op is null");
        Objects.requireNonNull(a, "Shape.broadcast: a is null");
        Objects.requireNonNull(b, "Shape.broadcast: b is null");
        if (a.equals(b)) {
            return a;
        }
        int r = Math.max(a.rank(), b.rank());
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.rank() ? 1 : a.dims[i - (r - a.rank())];
            int db = i < r - b.rank() ? 1 : b.dims[i - (r - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + a + " and " + b
                        + " cannot be broadcast together (dimension " + (i - r) + ": " + da + " vs " + db
                        + "); trailing dimensions must be equal or 1 — reshape one operand to fix it");
            }
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    /** Whether this shape broadcasts to {@code target} (so that a gradient can be summed back). */
    boolean broadcastsTo(Shape target) {
        if (rank() > target.rank()) {
            return false;
        }
        int off = target.rank() - rank();
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] != 1 && dims[i] != target.dims[i + off]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code target} is whole copies of this shape laid end to end: this shape, less its
     * leading 1s, equals the last dimensions of {@code target} (a bias [n] in a batch [m, n]).
     */
    boolean repeatsInto(Shape target) {
        int lead = 0;
        while (lead < dims.length && dims[lead] == 1) {
            lead++;
        }
        int off = target.rank() - (dims.length - lead);
        if (off < 0) {
            return false;
        }
        for (int i = lead; i < dims.length; i++) {
            if (dims[i] != target.dims[off + i - lead]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Strides of this shape seen inside the broadcast {@code target} shape: 0 for stretched or
     * missing dimensions.
     */
    int[] stridesIn(Shape target) {
        int[] own = strides();
        int off = target.rank() - rank();
        int[] s = new int[target.rank()];
        for (int i = 0; i < dims.length; i++) {
            s[i + off] = dims[i] == 1 && target.dims[i + off] != 1 ? 0 : own[i];
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
