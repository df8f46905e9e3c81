package io.jgrad.testkit;

import io.jgrad.core.Tensor;
import java.util.List;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Op-table rows for the reductions and the softmax family, over every axis (negative ones too) and
 * both keepDims settings. max is tested on distinct values (a tie splits the gradient by convention)
 * and is piecewise linear, so not differentiable to order 2.
 */
final class ReductionRows {
    /** Reductions along an axis need at least one dimension. */
    private static final ShapeBounds WITH_AXES = ShapeBounds.defaults().ranks(1, 3);

    /** An op taking an axis and keepDims. */
    @FunctionalInterface
    private interface AxisOp {
        Tensor apply(Tensor x, int axis, boolean keepDims);
    }

    private ReductionRows() {
    }

    static List<OpRow> rows() {
        Domain any = Domain.any();
        Domain distinct = any.distinct();
        return List.of(
                OpRow.unary("sum", any, true, Tensor::sum),
                alongAxis("sumAlongAxis", "sum", any, true, Tensor::sum),
                OpRow.unary("mean", any, true, Tensor::mean),
                alongAxis("meanAlongAxis", "mean", any, true, Tensor::mean),
                OpRow.unary("max", distinct, false, Tensor::max),
                alongAxis("maxAlongAxis", "max", distinct, false, Tensor::max),
                alongAxis("logSumExp", "logSumExp", any, true, Tensor::logSumExp),
                alongAxisOnly("softmax", any, Tensor::softmax),
                alongAxisOnly("logSoftmax", any, Tensor::logSoftmax));
    }

    private static OpRow alongAxis(String name, String method, Domain domain, boolean secondOrder, AxisOp op) {
        Arbitrary<OpRow.Application> apps = TensorArbitraries.shapes(WITH_AXES).flatMap(s -> Combinators.combine(
                domain.tensor(s), TensorArbitraries.axes(s.rank()), Arbitraries.of(false, true)).as((x, axis, keep) ->
                new OpRow.Application("x." + method + "(" + axis + ", " + keep + ")",
                        in -> op.apply(in.get(0), axis, keep), List.of(x))));
        return new OpRow(name, method + "(int,boolean)", 1, List.of(domain), secondOrder, apps);
    }

    /** softmax and logSoftmax: smooth, an axis but no keepDims. */
    private static OpRow alongAxisOnly(String method, Domain domain, BiFunction<Tensor, Integer, Tensor> op) {
        Arbitrary<OpRow.Application> apps = TensorArbitraries.shapes(WITH_AXES).flatMap(s -> Combinators.combine(
                domain.tensor(s), TensorArbitraries.axes(s.rank())).as((x, axis) ->
                new OpRow.Application("x." + method + "(" + axis + ")", in -> op.apply(in.get(0), axis), List.of(x))));
        return new OpRow(method, method + "(int)", 1, List.of(domain), true, apps);
    }
}
