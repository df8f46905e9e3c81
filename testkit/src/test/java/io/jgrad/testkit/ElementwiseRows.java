package io.jgrad.testkit;

import io.jgrad.core.Tensor;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Op-table rows for the element-wise ops. Piecewise-linear ops (abs, relu, leakyRelu, clamp,
 * maximum) are tested away from their kinks and ties, and are not differentiable to order 2: their
 * second derivative is 0 where it exists and undefined at the kinks.
 */
final class ElementwiseRows {
    private ElementwiseRows() {
    }

    static List<OpRow> rows() {
        Domain any = Domain.any();
        Arbitrary<Double> constants = any.values();
        Arbitrary<Double> divisors = Domain.awayFromZero().values();
        return List.of(
                OpRow.binary("add", true, Tensor::add, any),
                OpRow.withConstant("addConstant", "add", any, constants, true, Tensor::add),
                OpRow.binary("sub", true, Tensor::sub, any),
                OpRow.withConstant("subConstant", "sub", any, constants, true, Tensor::sub),
                OpRow.binary("mul", true, Tensor::mul, any),
                OpRow.withConstant("mulConstant", "mul", any, constants, true, Tensor::mul),
                OpRow.binary("div", true, Tensor::div, any, Domain.awayFromZero()),
                OpRow.withConstant("divConstant", "div", any, divisors, true, Tensor::div),
                OpRow.binary("maximum", false, Tensor::maximum, any.distinct()),
                OpRow.unary("neg", any, true, Tensor::neg),
                // x^p: whole exponents on any value, negative ones away from the pole at 0, fractional ones on x > 0.
                OpRow.withConstant("powNatural", "pow", any, Arbitraries.of(0.0, 1.0, 2.0, 3.0), true, Tensor::pow),
                OpRow.withConstant("powNegative", "pow", Domain.awayFromZero(), Arbitraries.of(-1.0, -2.0, -3.0),
                        true, Tensor::pow),
                OpRow.withConstant("powFractional", "pow", Domain.positive(),
                        Arbitraries.of(0.5, 1.5, -0.5, 2.5, 1.0 / 3), true, Tensor::pow),
                OpRow.unary("exp", any, true, Tensor::exp),
                OpRow.unary("log", Domain.positive(), true, Tensor::log),
                OpRow.unary("sqrt", Domain.positive(), true, Tensor::sqrt),
                OpRow.unary("abs", any.awayFrom(0), false, Tensor::abs),
                OpRow.unary("relu", any.awayFrom(0), false, Tensor::relu),
                OpRow.withConstant("leakyRelu", "leakyRelu", any.awayFrom(0), Arbitraries.of(0.01, 0.2, 0.5), false,
                        Tensor::leakyRelu),
                OpRow.unary("sigmoid", any, true, Tensor::sigmoid),
                OpRow.unary("tanh", any, true, Tensor::tanh),
                OpRow.unary("softplus", any, true, Tensor::softplus),
                clamp());
    }

    /** Two-sided and one-sided bounds; values stay away from every bound used. */
    private static OpRow clamp() {
        Domain domain = Domain.any().awayFrom(-1, 0, 0.5, 1);
        double[][] bounds = {{-1, 1}, {0, 0.5}, {Double.NEGATIVE_INFINITY, 0}, {0, Double.POSITIVE_INFINITY}};
        Arbitrary<OpRow.Application> apps = Combinators.combine(TensorArbitraries.tensors(domain), Arbitraries.of(bounds))
                .as((x, b) -> new OpRow.Application("x.clamp(" + b[0] + ", " + b[1] + ")",
                        in -> in.get(0).clamp(b[0], b[1]), List.of(x)));
        return new OpRow("clamp", "clamp(double,double)", 1, List.of(domain), false, apps);
    }
}
