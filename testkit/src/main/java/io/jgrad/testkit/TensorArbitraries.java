package io.jgrad.testkit;

import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries for shapes and tensors: single tensors, broadcast-compatible pairs and triples,
 * and matmul-compatible pairs, with values from a {@link Domain}.
 *
 * <pre>{@code
 * @Provide
 * Arbitrary<List<Tensor>> operands() {
 *     return TensorArbitraries.broadcastPairs(Domain.any(), Domain.awayFromZero());   // for a / b
 * }
 * }</pre>
 *
 * <p>Everything is built from jqwik combinators, so a failing case shrinks: ranks toward the lower
 * bound, dimensions toward the smallest allowed, broadcast operands toward equal shapes, matmul
 * toward a dot product of vectors, and values toward 0. Generated tensors are plain leaves
 * ({@code requiresGrad() == false}); {@link GradientProperties} differentiates every input it is
 * given.
 */
public final class TensorArbitraries {
    private TensorArbitraries() {
    }

    /** Shapes within the {@link ShapeBounds#defaults() default bounds}. */
    public static Arbitrary<Shape> shapes() {
        return shapes(ShapeBounds.defaults());
    }

    public static Arbitrary<Shape> shapes(ShapeBounds bounds) {
        return dims(bounds.minDim(), bounds.maxDim()).list().ofMinSize(bounds.minRank()).ofMaxSize(bounds.maxRank())
                .map(TensorArbitraries::shape);
    }

    /**
     * {@code count} shapes that broadcast together (NumPy rules): each has a rank within the bounds
     * and, aligned from the right, either the common dimension or 1.
     */
    public static Arbitrary<List<Shape>> broadcastShapes(int count, ShapeBounds bounds) {
        if (count < 1) {
            throw new IllegalArgumentException("broadcastShapes: count must be at least 1, got " + count);
        }
        return Arbitraries.integers().between(bounds.minRank(), bounds.maxRank()).list().ofSize(count)
                .flatMap(ranks -> broadcastShapesOfRanks(ranks, bounds.minDim(), bounds.maxDim()));
    }

    /**
     * Pairs of shapes that {@link Tensor#matmul} accepts, every combination of ranks from 1 to
     * {@code bounds.maxRank()}: vector·vector, vector·matrix, matrix·vector, matrix·matrix and
     * batches on either side whose batch dimensions broadcast. Shrinks toward a dot product.
     */
    public static Arbitrary<List<Shape>> matmulShapes(ShapeBounds bounds) {
        if (bounds.maxRank() < 1 || bounds.maxDim() < 1) {
            throw new IllegalArgumentException("matmulShapes: operands need rank >= 1 and dimensions >= 1; got " + bounds);
        }
        int minRank = Math.max(1, bounds.minRank());
        int minDim = Math.max(1, bounds.minDim());
        Arbitrary<Integer> rank = Arbitraries.integers().between(minRank, bounds.maxRank());
        return Combinators.combine(rank, rank).as((ra, rb) -> new int[] {ra, rb}).flatMap(ranks -> {
            List<Integer> batchRanks = List.of(Math.max(0, ranks[0] - 2), Math.max(0, ranks[1] - 2));
            Arbitrary<Integer> dim = dims(minDim, bounds.maxDim());
            return Combinators.combine(broadcastShapesOfRanks(batchRanks, minDim, bounds.maxDim()), dim, dim, dim)
                    .as((batches, n, k, m) -> List.of(
                            matrixShape(batches.get(0), ranks[0], n, k, true),
                            matrixShape(batches.get(1), ranks[1], m, k, false)));
        });
    }

    /** Axes valid for a tensor of the given rank, negative ones included: [−rank, rank − 1]. */
    public static Arbitrary<Integer> axes(int rank) {
        if (rank < 1) {
            throw new IllegalArgumentException("axes: a tensor of rank " + rank + " has no axes; use rank >= 1");
        }
        return Arbitraries.integers().between(-rank, rank - 1);
    }

    /** Tensors of default-bounded shapes with values from {@code domain}. */
    public static Arbitrary<Tensor> tensors(Domain domain) {
        return tensors(ShapeBounds.defaults(), domain);
    }

    public static Arbitrary<Tensor> tensors(ShapeBounds bounds, Domain domain) {
        return shapes(bounds).flatMap(domain::tensor);
    }

    /** Two tensors that broadcast together; one domain for both, or one per operand. */
    public static Arbitrary<List<Tensor>> broadcastPairs(Domain... domains) {
        return filled(broadcastShapes(2, ShapeBounds.defaults()), checkCount("broadcastPairs", 2, domains));
    }

    /** Three tensors that broadcast together; one domain for all, or one per operand. */
    public static Arbitrary<List<Tensor>> broadcastTriples(Domain... domains) {
        return filled(broadcastShapes(3, ShapeBounds.defaults()), checkCount("broadcastTriples", 3, domains));
    }

    /** Two tensors that {@link Tensor#matmul} accepts, ranks 1 to 3; one domain for both, or one each. */
    public static Arbitrary<List<Tensor>> matmulPairs(Domain... domains) {
        return filled(matmulShapes(ShapeBounds.defaults()), checkCount("matmulPairs", 2, domains));
    }

    /**
     * Tensors of the generated shapes: with one domain, all generated together by
     * {@link Domain#tensors} (so {@link Domain#distinct()} holds across them); otherwise one domain
     * per shape, in order.
     */
    public static Arbitrary<List<Tensor>> filled(Arbitrary<List<Shape>> shapes, Domain... domains) {
        if (domains.length == 0) {
            throw new IllegalArgumentException("filled: give one domain for all tensors or one per tensor");
        }
        return shapes.flatMap(ss -> {
            if (domains.length == 1) {
                return domains[0].tensors(ss);
            }
            if (domains.length != ss.size()) {
                throw new IllegalArgumentException("filled: " + domains.length + " domains for " + ss.size()
                        + " shapes " + ss + "; give one domain for all tensors or one per tensor");
            }
            List<Arbitrary<Tensor>> each = new ArrayList<>(ss.size());
            for (int i = 0; i < ss.size(); i++) {
                each.add(domains[i].tensor(ss.get(i)));
            }
            return Combinators.combine(each).as(List::copyOf);
        });
    }

    private static Domain[] checkCount(String method, int count, Domain[] domains) {
        if (domains.length != 1 && domains.length != count) {
            throw new IllegalArgumentException(method + ": " + domains.length + " domains for " + count
                    + " operands; give one domain for all or one per operand");
        }
        return domains;
    }

    private static Arbitrary<Integer> dims(int min, int max) {
        return Arbitraries.integers().between(min, max);
    }

    /**
     * Shapes of the given ranks that broadcast together: a common shape of the largest rank, and for
     * each operand its trailing dimensions, each replaced by 1 where that operand's flag is set (the
     * flags shrink toward false, i.e. toward equal shapes).
     */
    private static Arbitrary<List<Shape>> broadcastShapesOfRanks(List<Integer> ranks, int minDim, int maxDim) {
        int full = 0;
        List<Arbitrary<List<Boolean>>> flags = new ArrayList<>(ranks.size());
        for (int r : ranks) {
            full = Math.max(full, r);
            flags.add(Arbitraries.of(false, true).list().ofSize(r));
        }
        int fullRank = full;
        Arbitrary<List<List<Boolean>>> allFlags = Combinators.combine(flags).as(List::copyOf);
        return Combinators.combine(dims(minDim, maxDim).list().ofSize(fullRank), allFlags).as((common, ones) -> {
            List<Shape> out = new ArrayList<>(ranks.size());
            for (List<Boolean> own : ones) {
                int r = own.size();
                int[] d = new int[r];
                for (int j = 0; j < r; j++) {
                    d[j] = own.get(j) ? 1 : common.get(fullRank - r + j);
                }
                out.add(Shape.of(d));
            }
            return out;
        });
    }

    /** [k] for a vector, else batch + [rows, cols] (the left operand is rows×k, the right k×cols). */
    private static Shape matrixShape(Shape batch, int rank, int outer, int k, boolean left) {
        if (rank == 1) {
            return Shape.of(k);
        }
        int[] d = Arrays.copyOf(batch.dims(), batch.rank() + 2);
        d[batch.rank()] = left ? outer : k;
        d[batch.rank() + 1] = left ? k : outer;
        return Shape.of(d);
    }

    private static Shape shape(List<Integer> dims) {
        int[] d = new int[dims.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = dims.get(i);
        }
        return Shape.of(d);
    }
}
