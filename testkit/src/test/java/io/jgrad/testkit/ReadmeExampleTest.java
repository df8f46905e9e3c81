package io.jgrad.testkit;

import io.jgrad.core.CustomFunction;
import io.jgrad.core.Tensor;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The examples of testkit/README.md, verbatim, so that they keep compiling and passing. */
class ReadmeExampleTest {

    /** The CustomFunction from its javadoc: x³ with the backward rule 3x². */
    static final class Cube extends CustomFunction {
        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            ctx.save(in[0]);
            return in[0].mul(in[0]).mul(in[0]);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor grad) {
            Tensor x = ctx.saved(0);
            return new Tensor[] {grad.mul(x.mul(x).mul(3.0))};
        }
    }

    // README: "A property in ten lines"
    @Property(tries = 50)
    void cubeHasTheRightGradient(@ForAll("tensors") Tensor x) {
        GradientProperties.matchesCentralDifferences(in -> new Cube().apply(in.get(0)), List.of(x));
        GradientProperties.secondOrderMatches(in -> new Cube().apply(in.get(0)), List.of(x));
    }

    @Provide
    Arbitrary<Tensor> tensors() {
        return TensorArbitraries.tensors(Domain.any());
    }

    // README: "Against a hand-derived formula"
    @Property(tries = 50)
    void logisticLossGradientIsSigmoidMinusTarget(@ForAll("logitsAndTargets") List<Tensor> zy) {
        GradientProperties.matchesReference(
                in -> in.get(0).softplus().sub(in.get(0).mul(in.get(1))).sum(),     // L = Σ log(1 + eᶻ) − y·z
                in -> List.of(in.get(0).sigmoid().sub(in.get(1)), in.get(0).neg()), // ∂L/∂z = σ(z) − y, ∂L/∂y = −z
                zy);
    }

    @Provide
    Arbitrary<List<Tensor>> logitsAndTargets() {
        return TensorArbitraries.filled(TensorArbitraries.shapes().map(s -> List.of(s, s)),
                Domain.any(), Domain.unitInterval());
    }
}
