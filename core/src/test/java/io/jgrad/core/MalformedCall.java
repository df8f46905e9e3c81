package io.jgrad.core;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One generated call: an op, operand shapes and values, and the op's other arguments (axes,
 * keepDims, constants, an int array used as shape, indices or coordinates). Roughly half the calls
 * are valid; the rest break one rule or another (shapes that do not broadcast, axes out of range,
 * sizes that do not match, indices out of range, an empty tensor where a value is needed, clamp
 * bounds out of order). Values are drawn from ±[0.25, 3); with {@code special} they also include 0,
 * −0, ±1, ±1000, ±∞ and NaN.
 */
record MalformedCall(CallOp op, int[] shapeA, int[] shapeB, double[] a, double[] b, int axis, int axis2,
                     boolean keep, double c, double c2, int[] ints, boolean special) {

    private static final double[] SPECIAL = {0.0, -0.0, 1.0, -1.0, 1000.0, -1000.0, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    private static final double[] CONSTANTS = {0.0, -0.0, 0.5, 1.0, 2.0, 3.0, -1.0, -2.5, 1000.0, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    /** Builds a call from generated parts; {@code seed} drives every choice the parts leave open. */
    static MalformedCall of(CallOp op, int[] shapeA, int[] randomShape, int shapeMode, int axis, boolean keep,
                            int[] randomInts, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean special = r.nextInt(3) == 0;
        int[] shapeB = switch (shapeMode) {
            case 0 -> shapeA.clone();
            case 1 -> op == CallOp.MATMUL ? multipliable(shapeA, r) : broadcastable(shapeA, r);
            default -> randomShape;
        };
        int[] ints = r.nextBoolean() ? randomInts : plausibleInts(op, shapeA, axis, r);
        double c = CONSTANTS[r.nextInt(CONSTANTS.length)];
        double c2 = CONSTANTS[r.nextInt(CONSTANTS.length)];
        int axis2 = r.nextInt(-4, 4);
        return new MalformedCall(op, shapeA, shapeB, values(shapeA, special, r), values(shapeB, special, r), axis,
                axis2, keep, c, c2, ints, special);
    }

    /** A shape that broadcasts with {@code a}: some leading dimensions dropped, some set to 1. */
    private static int[] broadcastable(int[] a, SplittableRandom r) {
        int drop = r.nextInt(a.length + 1);
        int[] b = Arrays.copyOfRange(a, drop, a.length);
        for (int i = 0; i < b.length; i++) {
            if (r.nextInt(3) == 0) {
                b[i] = 1;
            }
        }
        return b;
    }

    /** A right operand whose rows match {@code a}'s columns, of rank 1 to 3 (batch dimensions random). */
    private static int[] multipliable(int[] a, SplittableRandom r) {
        int k = a.length == 0 ? r.nextInt(3) : a[a.length - 1];
        int rank = 1 + r.nextInt(3);
        int[] b = new int[rank];
        for (int i = 0; i < rank; i++) {
            b[i] = r.nextInt(4);
        }
        b[rank == 1 ? 0 : rank - 2] = k;
        return b;
    }

    /** Integers that often make a valid call: a reshape of the same size, in-range indices, ... */
    private static int[] plausibleInts(CallOp op, int[] shape, int axis, SplittableRandom r) {
        int size = Naive.size(shape);
        int rank = shape.length;
        int axisLength = rank == 0 ? 1 : shape[Math.floorMod(axis, rank)];
        switch (op) {
            case RESHAPE:
            case OF:
                return r.nextBoolean() ? new int[] {size} : r.nextBoolean() ? new int[] {-1, 1} : new int[] {1, -1};
            case EXPAND: {
                int[] t = new int[rank + r.nextInt(2)];
                for (int i = 0; i < t.length; i++) {
                    int own = i - (t.length - rank);
                    t[i] = own < 0 || shape[own] == 1 ? r.nextInt(4) : shape[own];
                }
                return t;
            }
            case INDEX_SELECT:
                return indices(r.nextInt(4), axisLength, r);
            case GATHER:
                return indices(rank == 0 ? 1 : size / Math.max(axisLength, 1), axisLength, r);
            case GET: {
                int[] t = new int[rank];
                for (int i = 0; i < rank; i++) {
                    t[i] = shape[i] == 0 ? 0 : r.nextInt(-shape[i], shape[i]);
                }
                return t;
            }
            default:
                return new int[0];
        }
    }

    private static int[] indices(int count, int bound, SplittableRandom r) {
        int[] t = new int[count];
        for (int i = 0; i < count; i++) {
            t[i] = bound == 0 ? 0 : r.nextInt(bound);
        }
        return t;
    }

    private static double[] values(int[] shape, boolean special, SplittableRandom r) {
        double[] v = new double[Naive.size(shape)];
        for (int i = 0; i < v.length; i++) {
            // Away from 0, so that central differences of log, sqrt, div and the kinks stay accurate.
            double magnitude = r.nextDouble(0.25, 3);
            v[i] = special && r.nextInt(3) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)]
                    : r.nextBoolean() ? magnitude : -magnitude;
        }
        return v;
    }

    @Override
    public String toString() {
        return op + "(a" + Arrays.toString(shapeA) + (op.binary ? ", b" + Arrays.toString(shapeB) : "")
                + ", axis " + axis + ", axis2 " + axis2 + ", keep " + keep + ", c " + c + ", c2 " + c2
                + ", ints " + Arrays.toString(ints) + (special ? ", special values" : "") + ")"
                + "\n  a = " + Arrays.toString(a) + (op.binary ? "\n  b = " + Arrays.toString(b) : "");
    }
}
