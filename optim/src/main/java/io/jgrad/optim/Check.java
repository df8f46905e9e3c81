package io.jgrad.optim;

import java.util.List;

/**
 * Argument checks shared by the optimizers, schedules and clipping: each message names the owner
 * (e.g. {@code Adam}), the argument, its allowed range and the value given.
 */
final class Check {
    private Check() {
    }

    /** {@code value > 0} and finite. */
    static double positive(String owner, String arg, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(owner + ": " + arg + " must be > 0, got " + value);
        }
        return finite(owner, arg, value);
    }

    /** {@code value >= 0} and finite. */
    static double nonNegative(String owner, String arg, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(owner + ": " + arg + " must be >= 0, got " + value);
        }
        return finite(owner, arg, value);
    }

    /** {@code 0 <= value < 1}: a decay rate such as Adam's betas. */
    static double decayRate(String owner, String arg, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(owner + ": " + arg + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /** {@code 0 <= value <= 1}: a fraction such as SGD's dampening. */
    static double fraction(String owner, String arg, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(owner + ": " + arg + " must be in [0, 1], got " + value);
        }
        return value;
    }

    /** {@code value > 0}. */
    static int positive(String owner, String arg, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(owner + ": " + arg + " must be > 0, got " + value);
        }
        return value;
    }

    /**
     * The null convention of the public API (as in core and nn): {@code list} and each element are
     * non-null, or a {@link NullPointerException} names the method and the parameter
     * ({@code "GradClip.clipGradNorm: params[1] is null"}); returns {@code list}.
     */
    static <T> List<T> elements(List<T> list, String method, String param) {
        // No lambda for the message: a capturing lambda would allocate on every call of a hot path.
        if (list == null) {
            throw new NullPointerException(method + ": " + param + " is null");
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new NullPointerException(method + ": " + param + "[" + i + "] is null");
            }
        }
        return list;
    }

    private static double finite(String owner, String arg, double value) {
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + ": " + arg + " must be finite, got " + value);
        }
        return value;
    }
}
