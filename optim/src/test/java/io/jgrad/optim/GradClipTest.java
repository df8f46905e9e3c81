package io.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.core.Oracle;
import io.jgrad.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gradient clipping by global norm and by value, on gradients set to known values. */
class GradClipTest {
    /** Leaf tensors whose gradients are {@code grads} (the gradient of Σ grads·p is grads). */
    private static List<Tensor> withGrads(double[]... grads) {
        Tensor[] params = new Tensor[grads.length];
        for (int k = 0; k < grads.length; k++) {
            params[k] = Tensor.zeros(grads[k].length).requiresGrad(true);
            params[k].mul(Tensor.of(grads[k])).sum().backward();
        }
        return List.of(params);
    }

    private static void assertGrad(double[] expected, Tensor p) {
        Oracle.assertClose("gradient", Tensor.of(expected), p.grad());
    }

    @Test
    void clipByNormScalesAllGradientsTogetherAndReturnsTheNormBefore() {
        List<Tensor> params = withGrads(new double[] {3, 4}, new double[] {-12});
        assertEquals(13.0, GradClip.clipGradNorm(params, 6.5));
        double c = 6.5 / (13 + 1e-6);
        assertGrad(new double[] {3 * c, 4 * c}, params.get(0));
        assertGrad(new double[] {-12 * c}, params.get(1));
        assertEquals(6.5, GradClip.clipGradNorm(params, 6.5), 1e-6);
    }

    @Test
    void aNormBelowTheLimitLeavesTheGradientsUntouched() {
        List<Tensor> params = withGrads(new double[] {3, 4}, new double[] {-12});
        int version = params.get(0).grad().version();
        assertEquals(13.0, GradClip.clipGradNorm(params, 20));
        assertArrayEquals(new double[] {3, 4}, params.get(0).grad().data(), 0.0);
        assertEquals(version, params.get(0).grad().version());
    }

    @Test
    void otherNorms() {
        List<Tensor> inf = withGrads(new double[] {3, -4}, new double[] {-12});
        assertEquals(12.0, GradClip.clipGradNorm(inf, 6, Double.POSITIVE_INFINITY));
        assertGrad(new double[] {-12 * 6 / (12 + 1e-6)}, inf.get(1));
        List<Tensor> one = withGrads(new double[] {3, -4}, new double[] {-12});
        assertEquals(19.0, GradClip.clipGradNorm(one, 100, 1));
        List<Tensor> three = withGrads(new double[] {3, -4}, new double[] {-12});
        Oracle.assertClose("3-norm", Tensor.scalar(Math.cbrt(27 + 64 + 1728)),
                Tensor.scalar(GradClip.clipGradNorm(three, 100, 3)));
    }

    @Test
    void parametersWithoutGradientAreSkipped() {
        Tensor none = Tensor.zeros(2).requiresGrad(true);
        assertEquals(5.0, GradClip.clipGradNorm(List.of(withGrads(new double[] {3, 4}).get(0), none), 1));
        assertNull(none.grad());
        assertEquals(5.0, GradClip.clipGradValue(List.of(withGrads(new double[] {3, 4}).get(0), none), 1));
        assertNull(none.grad());
    }

    @Test
    void hugeFiniteGradientsStillHaveAFiniteNorm() {
        List<Tensor> params = withGrads(new double[] {3e200, 4e200});
        Oracle.assertClose("norm", Tensor.scalar(5e200), Tensor.scalar(GradClip.clipGradNorm(params, 1)));
        assertGrad(new double[] {0.6, 0.8}, params.get(0));
    }

    @Test
    void aNonFiniteNormThrowsAndChangesNothing() {
        List<Tensor> params = withGrads(new double[] {3, 4}, new double[] {Double.NaN});
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GradClip.clipGradNorm(params, 1));
        assertEquals("GradClip.clipGradNorm: the gradient norm is NaN (parameter 1 of shape [1] has gradient NaN"
                + " at element 0); find where it comes from with Autograd.detectAnomaly(true)", e.getMessage());
        assertArrayEquals(new double[] {3, 4}, params.get(0).grad().data(), 0.0);
    }

    @Test
    void clipByValueClampsEachElementAndReturnsTheNormBefore() {
        List<Tensor> params = withGrads(new double[] {3, -4}, new double[] {-12});
        assertEquals(13.0, GradClip.clipGradValue(params, 3.5));
        assertArrayEquals(new double[] {3, -3.5}, params.get(0).grad().data(), 0.0);
        assertArrayEquals(new double[] {-3.5}, params.get(1).grad().data(), 0.0);
        List<Tensor> infinite = withGrads(new double[] {Double.POSITIVE_INFINITY, 1});
        assertEquals(Double.POSITIVE_INFINITY, GradClip.clipGradValue(infinite, 2));
        assertArrayEquals(new double[] {2, 1}, infinite.get(0).grad().data(), 0.0);
    }

    @Test
    void invalidArgumentsAreNamed() {
        List<Tensor> params = withGrads(new double[] {1});
        assertEquals("GradClip.clipGradNorm: maxNorm must be > 0, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> GradClip.clipGradNorm(params, 0)).getMessage());
        assertEquals("GradClip.clipGradNorm: normType must be >= 1 or Infinity, got 0.5",
                assertThrows(IllegalArgumentException.class, () -> GradClip.clipGradNorm(params, 1, 0.5)).getMessage());
        assertEquals("GradClip.clipGradValue: clipValue must be > 0, got -1.0", assertThrows(IllegalArgumentException.class,
                () -> GradClip.clipGradValue(params, -1)).getMessage());
    }
}
