package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.core.Tensor;
import io.jgrad.testkit.Domain;
import io.jgrad.testkit.GradientProperties;
import io.jgrad.testkit.TensorArbitraries;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property tests for a user-defined op, the pattern docs/custom-op.md suggests copying: for random
 * tensors of random shapes, the gradient of {@link Softsign} equals central differences (first and
 * second order) and the hand-derived derivative, and its value is the closed form.
 */
class SoftsignPropertyTest {
    /** Tensors of random shapes with values in [-3, 3], kept away from the kink of |x| at 0. */
    @Provide
    Arbitrary<Tensor> inputs() {
        return TensorArbitraries.tensors(Domain.any().awayFrom(0));
    }

    @Property(tries = 50)
    void gradientMatchesCentralDifferences(@ForAll("inputs") Tensor x) {
        GradientProperties.matchesCentralDifferences(in -> new Softsign().apply(in.get(0)), List.of(x));
    }

    @Property(tries = 30)
    void secondDerivativesMatchCentralDifferences(@ForAll("inputs") Tensor x) {
        GradientProperties.secondOrderMatches(in -> new Softsign().apply(in.get(0)), List.of(x));
    }

    /** d/dx Σ softsign(x) = 1 / (1 + |x|)², element by element. */
    @Property(tries = 50)
    void gradientIsTheHandDerivedFormula(@ForAll("inputs") Tensor x) {
        GradientProperties.matchesReference(in -> new Softsign().apply(in.get(0)).sum(),
                in -> {
                    Tensor d = in.get(0).abs().add(1);
                    return List.of(d.mul(d).pow(-1));
                },
                List.of(x));
    }

    @Property(tries = 50)
    void valueIsTheClosedForm(@ForAll("inputs") Tensor x) {
        double[] y = new Softsign().apply(x).data();
        double[] v = x.data();
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[i] / (1 + Math.abs(v[i])), y[i], 1e-15);
        }
    }
}
