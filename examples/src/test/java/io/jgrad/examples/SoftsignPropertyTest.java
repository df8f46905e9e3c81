package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.core.GradCheck;
import io.jgrad.core.Tensor;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property tests for a user-defined op, the pattern docs/custom-op.md suggests copying: for many
 * random inputs, the gradient of {@link Softsign} equals central differences (first and second
 * order), and its value and derivative match the closed forms.
 */
class SoftsignPropertyTest {
    /** Vectors of 1 to 8 values in [-4, 4], kept 1e-3 away from 0, where |x| has its kink. */
    @Provide
    Arbitrary<double[]> inputs() {
        Arbitrary<Double> magnitude = Arbitraries.doubles().between(1e-3, 4.0).ofScale(6);
        Arbitrary<Double> value = Arbitraries.oneOf(magnitude, magnitude.map(v -> -v));
        return value.array(double[].class).ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 50)
    void gradientMatchesCentralDifferences(@ForAll("inputs") double[] values) {
        Tensor x = Tensor.of(values).requiresGrad(true);
        GradCheck.check(in -> new Softsign().apply(in.get(0)), List.of(x)).assertPassed();
    }

    @Property(tries = 30)
    void secondDerivativeMatchesCentralDifferences(@ForAll("inputs") double[] values) {
        Tensor x = Tensor.of(values).requiresGrad(true);
        GradCheck.checkSecondOrder(in -> new Softsign().apply(in.get(0)), List.of(x)).assertPassed();
    }

    @Property(tries = 50)
    void valueAndDerivativeAreTheClosedForms(@ForAll("inputs") double[] values) {
        Tensor x = Tensor.of(values).requiresGrad(true);
        Tensor y = new Softsign().apply(x);
        y.sum().backward();
        for (int i = 0; i < values.length; i++) {
            double d = 1 + Math.abs(values[i]);
            assertEquals(values[i] / d, y.data()[i], 1e-15);
            assertEquals(1 / (d * d), x.grad().data()[i], 1e-15);
        }
    }
}
