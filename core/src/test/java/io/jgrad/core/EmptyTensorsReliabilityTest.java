package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Every op of the malformed-call property on every small shape with a zero dimension, every axis
 * and both keepDims, against an operand of the same shape, a broadcastable one and one that fits
 * matmul: each call returns the reference result (an empty tensor, zeros from an empty matmul,
 * −∞ from an empty log-sum-exp) or is refused as documented (a mean or maximum over nothing).
 */
final class EmptyTensorsReliabilityTest {
    private static final int[][] EMPTY = {{0}, {0, 0}, {0, 3}, {3, 0}, {1, 0}, {2, 0, 3}, {2, 3, 0}, {0, 2, 2}};

    @Test
    void everyOpOnEveryEmptyShapeMatchesTheReference() {
        int calls = 0;
        for (CallOp op : CallOp.values()) {
            for (int[] shape : EMPTY) {
                for (int[] other : partners(shape)) {
                    for (int axis = -shape.length - 1; axis <= shape.length; axis++) {
                        for (boolean keep : new boolean[] {false, true}) {
                            for (int[] ints : new int[][] {{0}, {-1}, {0, -1}, {-1, 0}, shape, {}}) {
                                MalformedCall call = new MalformedCall(op, shape, other, new double[0],
                                        new double[Naive.size(other)], axis, -1, keep, 1.5, 2.0, ints, false);
                                MalformedCallsPropertyTest.check(call);
                                calls++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(calls > 10_000, calls + " calls");
    }

    /** The same shape, a broadcastable one, and matmul partners whose rows match the last dimension. */
    private static int[][] partners(int[] shape) {
        int k = shape[shape.length - 1];
        return new int[][] {shape, {1}, {shape.length > 1 ? shape[shape.length - 2] : 1, 1}, {k}, {k, 2}, {2, k, 0},
                {3, 3}};
    }
}
