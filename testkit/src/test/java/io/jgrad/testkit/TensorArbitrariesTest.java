package io.jgrad.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/** The arbitraries keep their promises: bounds, compatibility, coverage of ranks and patterns. */
class TensorArbitrariesTest {
    private static final ShapeBounds BOUNDS = ShapeBounds.defaults().ranks(1, 4).dims(2, 3);

    @Property(tries = 100)
    void shapesStayWithinTheirBounds(@ForAll("boundedShapes") Shape s) {
        assertTrue(s.rank() >= 1 && s.rank() <= 4, s::toString);
        for (int d : s.dims()) {
            assertTrue(d >= 2 && d <= 3, s::toString);
        }
    }

    @Provide
    Arbitrary<Shape> boundedShapes() {
        return TensorArbitraries.shapes(BOUNDS);
    }

    /** Every triple broadcasts; equal shapes, stretched 1s and missing leading dimensions all occur. */
    @StatisticsReport(onFailureOnly = true)
    @Property(tries = 200)
    void broadcastTriplesBroadcast(@ForAll("triples") List<Shape> shapes) {
        Shape out = Shape.broadcast("test", Shape.broadcast("test", shapes.get(0), shapes.get(1)), shapes.get(2));
        int maxRank = 0;
        for (Shape s : shapes) {
            assertTrue(s.rank() <= 3, shapes::toString);
            maxRank = Math.max(maxRank, s.rank());
        }
        assertEquals(maxRank, out.rank());
        boolean sameShape = shapes.get(0).equals(shapes.get(1));
        boolean sameRank = shapes.get(0).rank() == shapes.get(1).rank();
        Statistics.label("first pair").collect(sameShape ? "equal" : sameRank ? "stretched" : "ranks differ");
        Statistics.label("first pair").coverage(c -> {
            c.check("equal").count(n -> n > 0);
            c.check("stretched").count(n -> n > 0);
            c.check("ranks differ").count(n -> n > 0);
        });
    }

    @Provide
    Arbitrary<List<Shape>> triples() {
        return TensorArbitraries.broadcastShapes(3, ShapeBounds.defaults());
    }

    /** matmul accepts every pair, with torch.matmul's result shape, and all 16 rank pairs from 1 to 4 occur. */
    @StatisticsReport(onFailureOnly = true)
    @Property(tries = 500)
    void matmulShapesMultiply(@ForAll("matmulPairs") List<Shape> ab) {
        Shape a = ab.get(0), b = ab.get(1);
        Tensor out = Tensor.zeros(a.dims()).matmul(Tensor.zeros(b.dims()));
        // A vector operand's dimension is removed from the result; vector·vector is a scalar.
        int expectedRank = a.rank() == 1 && b.rank() == 1 ? 0
                : Math.max(a.rank(), b.rank()) - (a.rank() == 1 ? 1 : 0) - (b.rank() == 1 ? 1 : 0);
        assertEquals(expectedRank, out.dim(), () -> a + " x " + b + " gave " + out.shape());
        Statistics.label("ranks").collect(a.rank(), b.rank());
        Statistics.label("ranks").coverage(c -> {
            for (int ra = 1; ra <= 4; ra++) {
                for (int rb = 1; rb <= 4; rb++) {
                    c.check(ra, rb).count(n -> n > 0);
                }
            }
        });
    }

    @Provide
    Arbitrary<List<Shape>> matmulPairs() {
        return TensorArbitraries.matmulShapes(ShapeBounds.defaults().ranks(1, 4));
    }

    @StatisticsReport(onFailureOnly = true)
    @Property(tries = 100)
    void axesCoverNegativeAndPositive(@ForAll("rankAndAxis") int[] rankAxis) {
        int rank = rankAxis[0], axis = rankAxis[1];
        assertTrue(axis >= -rank && axis < rank, () -> Arrays.toString(rankAxis));
        Statistics.label("sign").collect(axis < 0 ? "negative" : "non-negative");
        Statistics.label("sign").coverage(c -> {
            c.check("negative").count(n -> n > 0);
            c.check("non-negative").count(n -> n > 0);
        });
    }

    @Provide
    Arbitrary<int[]> rankAndAxis() {
        return Arbitraries.integers().between(1, 4)
                .flatMap(r -> TensorArbitraries.axes(r).map(a -> new int[] {r, a}));
    }

    /** Values respect the domain, and a distinct domain keeps values apart across all tensors of the pair. */
    @Property(tries = 100)
    void distinctPairsKeepValuesApart(@ForAll("distinctPairs") List<Tensor> ab) {
        double[] all = new double[ab.get(0).size() + ab.get(1).size()];
        System.arraycopy(ab.get(0).data(), 0, all, 0, ab.get(0).size());
        System.arraycopy(ab.get(1).data(), 0, all, ab.get(0).size(), ab.get(1).size());
        Arrays.sort(all);
        double minGap = (3 - 0.1) / (4 * all.length + 4);   // Domain.distinct(): (hi - lo) / (4n + 4)
        for (int i = 0; i < all.length; i++) {
            assertTrue(all[i] >= 0.1 && all[i] <= 3, () -> Arrays.toString(all));
            if (i > 0) {
                double gap = all[i] - all[i - 1];
                assertTrue(gap >= minGap - 1e-12, () -> "gap " + gap + " in " + Arrays.toString(all));
            }
        }
    }

    @Provide
    Arbitrary<List<Tensor>> distinctPairs() {
        return TensorArbitraries.broadcastPairs(Domain.positive().distinct());
    }

    @Property(tries = 100)
    void perOperandDomainsApplyInOrder(@ForAll("numeratorAndDivisor") List<Tensor> ab) {
        for (double v : ab.get(0).data()) {
            assertTrue(Math.abs(v) <= 3);
        }
        for (double v : ab.get(1).data()) {
            assertTrue(Math.abs(v) >= 0.1 && Math.abs(v) <= 3, () -> "divisor " + v);
        }
    }

    @Provide
    Arbitrary<List<Tensor>> numeratorAndDivisor() {
        return TensorArbitraries.broadcastPairs(Domain.any(), Domain.awayFromZero());
    }
}
