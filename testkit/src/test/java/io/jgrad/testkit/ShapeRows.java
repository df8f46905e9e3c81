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
 * Op-table rows for matmul and the shape ops. All are linear or bilinear, so smooth: their second
 * derivatives (zero, or the cross terms of matmul) are checked too.
 */
final class ShapeRows {
    private ShapeRows() {
    }

    static List<OpRow> rows() {
        Domain any = Domain.any();
        List<Domain> one = List.of(any);
        return List.of(
                // Ranks 1 to 4 on both sides: vectors, matrices, and batches whose batch dimensions broadcast.
                new OpRow("matmul", "matmul(Tensor)", 2, List.of(any, any), true, TensorArbitraries.filled(
                        TensorArbitraries.matmulShapes(ShapeBounds.defaults().ranks(1, 4).dims(1, 3)), any)
                        .map(ab -> new OpRow.Application("a.matmul(b)", in -> in.get(0).matmul(in.get(1)), ab))),
                new OpRow("linear", "linear(Tensor,Tensor)", 3, List.of(any, any, any), true, linear(any, false)),
                // Piecewise bilinear: checked to order 1, on inputs whose products stay off the kink.
                new OpRow("linearRelu", "linearRelu(Tensor,Tensor)", 3, List.of(any, any, any), false, linear(any, true)),
                new OpRow("transposeLastTwo", "transpose()", 1, one, true,
                        TensorArbitraries.tensors(ShapeBounds.defaults().ranks(2, 4).dims(1, 3), any).map(x ->
                                new OpRow.Application("x.transpose()", in -> in.get(0).transpose(), List.of(x)))),
                new OpRow("transpose", "transpose(int,int)", 1, one, true, transposeAny(any)),
                new OpRow("reshape", "reshape(int[])", 1, one, true, reshape(any)),
                new OpRow("expand", "expand(int[])", 1, one, true, expand(any)));
    }

    /**
     * x of shape [batch.., in] (no batch, one or two batch dimensions), W [in, out] and b [out]; with
     * the ReLU fused, only inputs whose x·W + b keeps 0.01 away from the kink at 0 (as
     * {@link Domain#awayFrom} does for relu), where central differences are exact.
     */
    private static Arbitrary<OpRow.Application> linear(Domain domain, boolean relu) {
        Arbitrary<Integer> dim = Arbitraries.integers().between(1, 3);
        Arbitrary<int[]> batch = Arbitraries.integers().between(1, 3).array(int[].class).ofMinSize(0).ofMaxSize(2);
        String call = relu ? "x.linearRelu(w, b)" : "x.linear(w, b)";
        Arbitrary<OpRow.Application> apps = Combinators.combine(batch, dim, dim).flatAs((b, in, out) -> {
            int[] xs = Arrays.copyOf(b, b.length + 1);
            xs[b.length] = in;
            return Combinators.combine(domain.tensor(Shape.of(xs)), domain.tensor(Shape.of(in, out)),
                    domain.tensor(Shape.of(out))).as((x, w, bias) -> new OpRow.Application(call,
                    t -> relu ? t.get(0).linearRelu(t.get(1), t.get(2)) : t.get(0).linear(t.get(1), t.get(2)),
                    List.of(x, w, bias)));
        });
        return relu ? apps.filter(a -> offTheKink(a.inputs())) : apps;
    }

    private static boolean offTheKink(List<Tensor> in) {
        for (double z : in.get(0).linear(in.get(1), in.get(2)).data()) {
            if (Math.abs(z) < 0.01) {
                return false;
            }
        }
        return true;
    }

    private static Arbitrary<OpRow.Application> transposeAny(Domain domain) {
        return TensorArbitraries.shapes(ShapeBounds.defaults().ranks(1, 3)).flatMap(s -> {
            Arbitrary<Integer> axis = TensorArbitraries.axes(s.rank());
            return Combinators.combine(domain.tensor(s), axis, axis).as((x, d0, d1) -> new OpRow.Application(
                    "x.transpose(" + d0 + ", " + d1 + ")", in -> in.get(0).transpose(d0, d1), List.of(x)));
        });
    }

    /** Targets: flat, flat with -1, a column, reversed dimensions, and the first two merged. */
    private static Arbitrary<OpRow.Application> reshape(Domain domain) {
        return TensorArbitraries.shapes().flatMap(s -> Combinators.combine(domain.tensor(s),
                Arbitraries.of(reshapeTargets(s))).as((x, target) -> new OpRow.Application(
                "x.reshape(" + Arrays.toString(target) + ")", in -> in.get(0).reshape(target), List.of(x))));
    }

    private static List<int[]> reshapeTargets(Shape s) {
        int[] d = s.dims();
        List<int[]> targets = new ArrayList<>();
        targets.add(new int[] {s.size()});
        targets.add(new int[] {-1});
        targets.add(new int[] {s.size(), 1});
        int[] reversed = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            reversed[i] = d[d.length - 1 - i];
        }
        targets.add(reversed);
        if (d.length >= 2) {
            int[] merged = Arrays.copyOfRange(d, 1, d.length);
            merged[0] *= d[0];
            targets.add(merged);
        }
        return targets;
    }

    /** x of the first shape of a broadcast pair, expanded to the pair's broadcast shape. */
    private static Arbitrary<OpRow.Application> expand(Domain domain) {
        return TensorArbitraries.broadcastShapes(2, ShapeBounds.defaults()).flatMap(pair -> {
            int[] target = Shape.broadcast("expand", pair.get(0), pair.get(1)).dims();
            return domain.tensor(pair.get(0)).map(x -> new OpRow.Application(
                    "x.expand(" + Arrays.toString(target) + ")", in -> in.get(0).expand(target), List.of(x)));
        });
    }
}
