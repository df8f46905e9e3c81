package io.jgrad.testkit;

import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Where the values of generated tensors come from: a closed interval, optionally with bands cut out
 * around kink points, optionally with every value distinct.
 *
 * <p>A gradient check is only meaningful where the function is differentiable and its derivatives
 * are moderate, so each op is tested on its own domain (as JAX's {@code check_grads} does):
 *
 * <table>
 * <caption>The named domains and why they look as they do</caption>
 * <tr><th>domain</th><th>values</th><th>for</th><th>why</th></tr>
 * <tr><td>{@link #any()}</td><td>[−3, 3]</td><td>smooth ops (exp, tanh, matmul, ...)</td>
 *     <td>both signs, and the saturating parts of sigmoid and tanh (tanh 3 ≈ 0.995), while exp,
 *     products and powers stay small enough that rounding in central differences (≈ 1e−16·|f|/ε)
 *     stays far below the tolerance</td></tr>
 * <tr><td>{@link #positive()}</td><td>[0.1, 3]</td><td>log, sqrt, fractional powers</td>
 *     <td>x − ε stays inside the domain, and 1/x-type derivatives stay below 10 (100 and 1000 for
 *     the second and third), so truncation error (≈ ε²·f‴/6) stays tiny</td></tr>
 * <tr><td>{@link #awayFromZero()}</td><td>[−3, 3] without (−0.1, 0.1)</td>
 *     <td>divisors, negative powers</td><td>the same bound on 1/x for both signs</td></tr>
 * <tr><td>{@link #unitInterval()}</td><td>[0.05, 0.95]</td><td>probabilities (log p, log(1 − p))</td>
 *     <td>both logs' derivatives stay below 20</td></tr>
 * <tr><td>{@code any().awayFrom(k...)}</td><td>[−3, 3] without (k − 0.01, k + 0.01)</td>
 *     <td>relu, abs, clamp at its bounds</td><td>a central difference with step ε straddles a kink
 *     only within ε of it; a margin of {@value #KINK_MARGIN} (10⁴·ε) keeps every step on one side</td></tr>
 * <tr><td>{@code any().distinct()}</td><td>[−3, 3], no two values close</td>
 *     <td>max, maximum</td><td>at a tie the gradient is split by convention and the function has a
 *     kink; distinct values keep every argument on one side of it</td></tr>
 * </table>
 *
 * <p>Values have two decimal places (jqwik's default scale) except in distinct domains, and shrink
 * toward 0 (or toward the bound nearest 0), so a shrunk counter-example reads easily.
 */
public final class Domain {
    /** Half-width of the band cut out around each kink point by {@link #awayFrom}. */
    public static final double KINK_MARGIN = 0.01;

    private record Band(double point, double margin) {
    }

    private final String name;
    private final double lo;
    private final double hi;
    private final List<Band> bands;
    private final boolean distinct;

    private Domain(String name, double lo, double hi, List<Band> bands, boolean distinct) {
        this.name = name;
        this.lo = lo;
        this.hi = hi;
        this.bands = List.copyOf(bands);
        this.distinct = distinct;
    }

    /** [−3, 3]: for ops that are smooth everywhere. */
    public static Domain any() {
        return new Domain("any", -3, 3, List.of(), false);
    }

    /** [0.1, 3]: for log, sqrt and fractional powers. */
    public static Domain positive() {
        return new Domain("positive", 0.1, 3, List.of(), false);
    }

    /** [−3, 3] without (−0.1, 0.1): for divisors and negative powers. */
    public static Domain awayFromZero() {
        return new Domain("awayFromZero", -3, 3, List.of(new Band(0, 0.1)), false);
    }

    /** [0.05, 0.95]: for probabilities. */
    public static Domain unitInterval() {
        return new Domain("unitInterval", 0.05, 0.95, List.of(), false);
    }

    /** The closed interval [lo, hi]. */
    public static Domain between(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
            throw new IllegalArgumentException("Domain.between: need finite lo < hi, got lo = " + lo + ", hi = " + hi);
        }
        return new Domain("between", lo, hi, List.of(), false);
    }

    /**
     * This domain without the values within {@value #KINK_MARGIN} of each point: use the points
     * where the function has a kink (0 for relu and abs, the bounds for clamp).
     */
    public Domain awayFrom(double... points) {
        List<Band> more = new ArrayList<>(bands);
        for (double p : points) {
            if (!Double.isFinite(p)) {
                throw new IllegalArgumentException("Domain.awayFrom: points must be finite, got " + p
                        + "; an infinite point needs no band");
            }
            more.add(new Band(p, KINK_MARGIN));
        }
        return new Domain(name, lo, hi, more, distinct);
    }

    /**
     * This domain with all values of the generated tensors distinct: no two values (across all
     * tensors generated together by {@link #tensors}) are closer than (hi − lo) / (4n + 4) for n
     * values in all, so max and maximum never meet a tie.
     */
    public Domain distinct() {
        return new Domain(name, lo, hi, bands, true);
    }

    /** Whether {@code v} belongs to this domain. */
    public boolean contains(double v) {
        if (!(v >= lo && v <= hi)) {
            return false;
        }
        for (Band b : bands) {
            if (Math.abs(v - b.point()) < b.margin()) {
                return false;
            }
        }
        return true;
    }

    /** Whether the values of tensors generated together are all distinct. */
    public boolean isDistinct() {
        return distinct;
    }

    /** Single values from this domain (distinctness applies to tensors only). */
    public Arbitrary<Double> values() {
        return Arbitraries.doubles().between(lo, hi).filter(this::contains);
    }

    /** Tensors of the given shape with values from this domain. */
    public Arbitrary<Tensor> tensor(Shape shape) {
        return tensors(List.of(shape)).map(list -> list.get(0));
    }

    /**
     * Tensors of the given shapes, generated together: with {@link #distinct()} all their values
     * differ from each other, otherwise each value is drawn on its own.
     */
    public Arbitrary<List<Tensor>> tensors(List<Shape> shapes) {
        int n = 0;
        for (Shape s : shapes) {
            n += s.size();
        }
        Arbitrary<List<Double>> all = distinct ? distinctValues(n) : values().list().ofSize(n);
        return all.map(values -> split(values, shapes));
    }

    /**
     * n values c + (k + u)·step with distinct integers k and u in [0, 0.5], so neighbours are at
     * least step/2 apart; c is the point of the interval nearest 0, so values shrink toward it. The
     * step leaves about 2n + 1 slots, enough to draw n distinct ones quickly.
     */
    private Arbitrary<List<Double>> distinctValues(int n) {
        double step = (hi - lo) / (2.0 * n + 2);
        double c = Math.min(Math.max(0, lo), hi);
        int kLo = (int) Math.ceil((lo - c) / step);
        int kHi = (int) Math.floor((hi - c) / step - 0.5);
        Arbitrary<double[]> slot = Combinators.combine(
                        Arbitraries.integers().between(kLo, kHi),
                        Arbitraries.doubles().between(0, 0.5))
                .as((k, u) -> new double[] {k, c + (k + u) * step})
                .filter(kv -> contains(kv[1]));
        return slot.list().ofSize(n).uniqueElements(kv -> kv[0]).map(slots -> {
            List<Double> values = new ArrayList<>(slots.size());
            for (double[] kv : slots) {
                values.add(kv[1]);
            }
            return values;
        });
    }

    private static List<Tensor> split(List<Double> values, List<Shape> shapes) {
        List<Tensor> out = new ArrayList<>(shapes.size());
        int at = 0;
        for (Shape s : shapes) {
            double[] data = new double[s.size()];
            for (int i = 0; i < data.length; i++) {
                data[i] = values.get(at++);
            }
            out.add(Tensor.of(data, s));
        }
        return out;
    }

    /** E.g. {@code any [-3, 3] away from 0 (±0.01), distinct}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(' ').append(String.format(Locale.ROOT, "[%s, %s]",
                Reports.number(lo), Reports.number(hi)));
        for (Band b : bands) {
            sb.append(" away from ").append(Reports.number(b.point()))
                    .append(" (±").append(Reports.number(b.margin())).append(')');
        }
        return distinct ? sb.append(", distinct").toString() : sb.toString();
    }
}
