package io.jgrad.testkit;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Op-table rows for indexSelect, gather and crossEntropy. Indices may repeat, so the backward must
 * add up the gradients of repeated picks. indexSelect and gather are linear, so their (zero) second
 * derivatives are checked too; crossEntropy's second derivatives go through its softmax.
 */
final class IndexingRows {
    private static final ShapeBounds WITH_AXES = ShapeBounds.defaults().ranks(1, 3);

    private IndexingRows() {
    }

    static List<OpRow> rows() {
        Domain any = Domain.any();
        return List.of(
                new OpRow("indexSelect", "indexSelect(int,int[])", 1, List.of(any), true, indexSelect(any)),
                new OpRow("gather", "gather(int,int[])", 1, List.of(any), true, gather(any)),
                new OpRow("crossEntropy", "crossEntropy(int[],double)", 1, List.of(any), true, crossEntropy(any)));
    }

    /** One to four indices, repeats allowed, into a random axis. */
    private static Arbitrary<OpRow.Application> indexSelect(Domain domain) {
        return TensorArbitraries.shapes(WITH_AXES).flatMap(s -> TensorArbitraries.axes(s.rank()).flatMap(axis ->
                Combinators.combine(domain.tensor(s), indices(s.dim(axis), 1, 4)).as((x, idx) ->
                        new OpRow.Application("x.indexSelect(" + axis + ", " + Arrays.toString(idx) + ")",
                                in -> in.get(0).indexSelect(axis, idx), List.of(x)))));
    }

    /** One index per position of the shape without the axis. */
    private static Arbitrary<OpRow.Application> gather(Domain domain) {
        return TensorArbitraries.shapes(WITH_AXES).flatMap(s -> TensorArbitraries.axes(s.rank()).flatMap(axis -> {
            int positions = s.size() / s.dim(axis);
            return Combinators.combine(domain.tensor(s), indices(s.dim(axis), positions, positions)).as((x, idx) ->
                    new OpRow.Application("x.gather(" + axis + ", " + Arrays.toString(idx) + ")",
                            in -> in.get(0).gather(axis, idx), List.of(x)));
        }));
    }

    /** Logits [N, C] with one label per row, and no, some or full label smoothing. */
    private static Arbitrary<OpRow.Application> crossEntropy(Domain domain) {
        return TensorArbitraries.shapes(ShapeBounds.defaults().ranks(2, 2)).flatMap(s -> Combinators.combine(
                domain.tensor(s), indices(s.dim(1), s.dim(0), s.dim(0)),
                Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.doubles().between(0.0, 1.0))).as((z, labels, eps) ->
                new OpRow.Application("z.crossEntropy(" + Arrays.toString(labels) + ", " + eps + ")",
                        in -> in.get(0).crossEntropy(labels, eps), List.of(z))));
    }

    private static Arbitrary<int[]> indices(int bound, int minCount, int maxCount) {
        return Arbitraries.integers().between(0, bound - 1).list().ofMinSize(minCount).ofMaxSize(maxCount)
                .map(list -> list.stream().mapToInt(Integer::intValue).toArray());
    }

}
