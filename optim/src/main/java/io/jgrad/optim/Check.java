package io.jgrad.optim;


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

    private static double finite(String owner, String arg, double value) {
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + ": " + arg + " must be finite, got " + value);
        }
        return value;
    }
}
