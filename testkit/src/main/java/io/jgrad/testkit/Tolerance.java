package io.jgrad.testkit;

/**
 * How close autograd must come to a reference gradient: an element passes when
 * {@code |autograd − reference| ≤ atol + rtol·|reference|}.
 *
 * <p>The defaults (atol = 1e-10, rtol = 1e-8) suit a reference that is an exact formula evaluated in
 * double precision: both sides then differ only by rounding, about 1e-16 relative per operation,
 * which reassociated sums and cancellation can grow by a few orders of magnitude but not to 1e-8,
 * while a wrong formula (a missing factor, a wrong sign, a forgotten term) is off by far more.
 */
public record Tolerance(double atol, double rtol) {
    public Tolerance {
        if (!(atol >= 0) || !(rtol >= 0)) {
            throw new IllegalArgumentException("Tolerance: need atol >= 0 and rtol >= 0, got atol = " + atol
                    + ", rtol = " + rtol);
        }
    }

    /** atol = 1e-10, rtol = 1e-8. */
    public static Tolerance defaults() {
        return new Tolerance(1e-10, 1e-8);
    }

    /** The allowed error for an element whose reference value is {@code reference}. */
    public double allowed(double reference) {
        return atol + rtol * Math.abs(reference);
    }
}
