package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.kernels.Parallel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reverse pass: seeding, accumulation, retained graphs, Autograd.grad and higher derivatives. */
final class EngineTest {

    private static Tensor leaf(double... values) {
        return Tensor.of(values).requiresGrad(true);
    }

    @Test
    void backwardOnAScalarSeedsOne() {
        Tensor x = leaf(1, 2, 3);
        Tensor loss = x.mul(x).sum();
        assertEquals(14.0, loss.item());
        assertFalse(loss.isLeaf());
        assertTrue(loss.requiresGrad());
        loss.backward();
        assertArrayEquals(new double[] {2, 4, 6}, x.grad().toArray());
    }

    @Test
    void backwardOnALeafRootGivesTheSeed() {
        Tensor x = Tensor.scalar(3).requiresGrad(true);
        x.backward();
        assertEquals(1.0, x.grad().item());
        Tensor v = leaf(1, 2);
        Tensor seed = Tensor.of(new double[] {5, 6});
        v.backward(seed);
        seed.mutableData()[0] = 0;
        assertArrayEquals(new double[] {5, 6}, v.grad().toArray(), "grad must be a copy of the seed");
    }

    @Test
    void backwardWithAGradientOnANonScalarComputesTheVectorJacobianProduct() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor y = x.mul(3.0).add(1.0);
        y.backward(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2));
        assertArrayEquals(new double[] {3, 6, 9, 12}, x.grad().toArray());
    }

    @Test
    void retainGraphAllowsASecondBackwardThatAccumulates() {
        Tensor x = leaf(1, -2);
        Tensor loss = x.pow(3.0).sum();
        loss.backward(Tensor.scalar(1.0), true);
        assertArrayEquals(new double[] {3, 12}, x.grad().toArray());
        loss.backward();
        assertArrayEquals(new double[] {6, 24}, x.grad().toArray());
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroGrad() {
        Tensor w = leaf(2, 3);
        w.mul(w).sum().backward();
        Tensor first = w.grad();
        w.mul(5.0).sum().backward();
        assertArrayEquals(new double[] {9, 11}, w.grad().toArray());
        assertSame(first, w.grad(), "accumulation updates the existing gradient tensor");
        w.zeroGrad();
        assertSame(first, w.grad(), "zeroGrad keeps the gradient's storage for the next backward");
        assertArrayEquals(new double[] {0, 0}, w.grad().toArray());
        w.mul(5.0).sum().backward();
        assertArrayEquals(new double[] {5, 5}, w.grad().toArray());
        assertSame(first, w.grad());
        w.clearGrad();
        assertNull(w.grad());
        w.mul(7.0).sum().backward();
        assertArrayEquals(new double[] {7, 7}, w.grad().toArray());
    }

    @Test
    void zeroGradClearsALargeGradientSplitOverTheCoresToTheLastElement() {
        // Above the size zeroed on all cores, and not a multiple of the ranges' 8.
        int n = Parallel.ELEMENTWISE_MIN + 4_465;
        Tensor w = Tensor.zeros(n).requiresGrad(true);
        double[] ramp = new double[n];
        Arrays.setAll(ramp, i -> i);
        w.mul(Tensor.of(ramp)).sum().backward();
        Tensor g = w.grad();
        assertEquals(n - 1.0, g.toArray()[n - 1]);
        w.zeroGrad();
        assertSame(g, w.grad());
        assertArrayEquals(new double[n], g.toArray());
    }

    @Test
    void aValueUsedTwiceGetsBothContributions() {
        Tensor x = Tensor.scalar(3).requiresGrad(true);
        x.mul(x).backward();
        assertEquals(6.0, x.grad().item());
        x.zeroGrad();
        x.add(x).backward();
        assertEquals(2.0, x.grad().item());
        x.zeroGrad();
        // Diamond: e feeds two branches that meet again; d/dx e^x·(e^x + 1) = 2e^{2x} + e^x.
        Tensor e = x.exp();
        e.mul(e.add(1.0)).backward();
        assertEquals(2 * Math.exp(6) + Math.exp(3), x.grad().item(), 1e-10 * Math.exp(6));
    }

    @Test
    void onlyInputsThatRequireGradReceiveOne() {
        Tensor w = leaf(2);
        Tensor c = Tensor.of(new double[] {5});
        w.mul(c).sum().backward();
        assertArrayEquals(new double[] {5}, w.grad().toArray());
        assertNull(c.grad());
        assertFalse(c.mul(c).requiresGrad());
        assertTrue(c.mul(c).isLeaf());
    }

    @Test
    void autogradGradReturnsGradientsWithoutTouchingGrad() {
        Tensor x = leaf(1, 2);
        Tensor y = leaf(3, 4);
        Tensor f = x.mul(y).sum();
        List<Tensor> g = Autograd.grad(f, List.of(x, y), false);
        assertArrayEquals(new double[] {3, 4}, g.get(0).toArray());
        assertArrayEquals(new double[] {1, 2}, g.get(1).toArray());
        assertNull(x.grad());
        assertNull(y.grad());

        x.mul(2.0).sum().backward();
        Autograd.grad(x.mul(x).sum(), List.of(x), false);
        assertArrayEquals(new double[] {2, 2}, x.grad().toArray(), "an earlier .grad is left alone");
    }

    @Test
    void autogradGradTakesASeedForNonScalarOutputs() {
        Tensor x = leaf(1, 2, 3);
        List<Tensor> g = Autograd.grad(x.pow(2.0), List.of(x), Tensor.of(new double[] {1, 0, -1}), false);
        assertArrayEquals(new double[] {2, 0, -6}, g.get(0).toArray());
    }

    @Test
    void autogradGradAcceptsNonLeafInputs() {
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(2.0);
        Tensor z = y.pow(3.0).add(x).sum();
        List<Tensor> g = Autograd.grad(z, List.of(y, x), false);
        assertArrayEquals(new double[] {12, 48}, g.get(0).toArray(), "dz/dy = 3y²");
        assertArrayEquals(new double[] {25, 97}, g.get(1).toArray(), "dz/dx = 6y² + 1");
        assertNull(x.grad());

        Tensor u = leaf(4);
        Tensor v = u.exp();
        assertArrayEquals(new double[] {1}, Autograd.grad(v.sum(), List.of(v), false).get(0).toArray(),
                "d sum(v)/dv for an intermediate v");
    }

    @Test
    void anInputListedTwiceGetsItsGradientBothTimes() {
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(3.0);
        List<Tensor> g = Autograd.grad(y.pow(2.0).sum(), List.of(y, x, y, x), false);
        assertArrayEquals(new double[] {6, 12}, g.get(0).toArray());
        assertArrayEquals(new double[] {18, 36}, g.get(1).toArray());
        assertArrayEquals(new double[] {6, 12}, g.get(2).toArray());
        assertArrayEquals(new double[] {18, 36}, g.get(3).toArray());
    }

    @Test
    void theGradientOfALeafWithRespectToItselfIsTheSeed() {
        Tensor x = leaf(1, 2);
        assertArrayEquals(new double[] {3, 4},
                Autograd.grad(x, List.of(x), Tensor.of(new double[] {3, 4}), false).get(0).toArray());
        Tensor y = x.exp();
        assertArrayEquals(new double[] {1, 1}, Autograd.grad(y, List.of(y), Tensor.ones(2), false).get(0).toArray());
    }

    @Test
    void anInputTheOutputDoesNotDependOnGetsZeros() {
        Tensor x = leaf(1, 2);
        Tensor unused = Tensor.ones(2, 3).requiresGrad(true);
        Tensor unusedIntermediate = unused.mul(2.0);
        List<Tensor> g = Autograd.grad(x.sum(), List.of(x, unused, unusedIntermediate), false);
        assertArrayEquals(new double[] {1, 1}, g.get(0).toArray());
        assertEquals(Shape.of(2, 3), g.get(1).shape());
        assertArrayEquals(new double[6], g.get(1).toArray());
        assertArrayEquals(new double[6], g.get(2).toArray());
    }

    @Test
    void thirdDerivativeOfXToTheFourthByRepeatedCreateGraph() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor y = x.pow(4.0);
        Tensor d1 = Autograd.grad(y, List.of(x), true).get(0);
        Tensor d2 = Autograd.grad(d1, List.of(x), true).get(0);
        Tensor d3 = Autograd.grad(d2, List.of(x), true).get(0);
        Tensor d4 = Autograd.grad(d3, List.of(x), false).get(0);
        assertEquals(32.0, d1.item());
        assertEquals(48.0, d2.item());
        assertEquals(48.0, d3.item());
        assertEquals(24.0, d4.item());
    }

    @Test
    void thirdDerivativesOfTanhAndSigmoid() {
        double x0 = 0.7;
        double t = Math.tanh(x0), s = 1 / (1 + Math.exp(-x0));
        assertArrayEquals(new double[] {1 - t * t, -2 * t * (1 - t * t), (1 - t * t) * (6 * t * t - 2)},
                Derivatives.ofScalar(x0, Tensor::tanh, 3), 1e-14);
        assertArrayEquals(new double[] {s * (1 - s), s * (1 - s) * (1 - 2 * s), s * (1 - s) * (1 - 6 * s + 6 * s * s)},
                Derivatives.ofScalar(x0, Tensor::sigmoid, 3), 1e-14);
    }

    @Test
    void detachedValuesAreConstants() {
        Tensor x = Tensor.scalar(3).requiresGrad(true);
        x.mul(x.detach()).backward();
        assertEquals(3.0, x.grad().item());
    }

    @Test
    void requiresGradCannotBeChangedOnAComputedTensor() {
        Tensor y = leaf(1).mul(2.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
        assertEquals("requiresGrad: only leaf tensors can change requiresGrad; this one was computed by mul"
                + " — use detach() to get a leaf", e.getMessage());
    }

    @Test
    void modifyingASavedTensorInPlaceMakesBackwardFail() {
        Tensor x = leaf(1, 2, 3);
        Tensor y = x.mul(x).sum();
        x.mutableData()[0] = 10;
        assertEquals(1, x.version());
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("mul: a tensor of shape [3] that this op saved for backward was modified in place"
                + " (version 0 when saved, 1 now), so its gradient would be wrong; modify a copy instead,"
                + " or modify it only after backward", e.getMessage());
        assertNull(x.grad());

        Tensor unsaved = leaf(1, 2);
        Tensor z = unsaved.add(1.0).sum();
        unsaved.mutableData()[0] = 5;
        z.backward();
        assertArrayEquals(new double[] {1, 1}, unsaved.grad().toArray(), "add saves nothing, so nothing to refuse");
    }

    @Test
    void modifyingAViewOfASavedTensorAlsoCounts() {
        Tensor x = leaf(1, 2, 3, 4);
        Tensor e = x.exp();
        Tensor loss = e.sum();
        e.reshape(2, 2).detach().mutableData()[0] = 0;
        assertThrows(IllegalStateException.class, loss::backward);
    }

    @Test
    void aSecondBackwardThroughAReleasedGraphFails() {
        Tensor x = leaf(1, 2);
        Tensor loss = x.tanh().sum();
        loss.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertEquals("sum: trying to backward through the graph a second time, but it was released by the"
                + " first backward; pass retainGraph = true to the first backward(...) call if you need to call"
                + " it again", e.getMessage());
        assertArrayEquals(new double[] {1 - Math.pow(Math.tanh(1), 2), 1 - Math.pow(Math.tanh(2), 2)},
                x.grad().toArray(), 1e-15, "the failed backward added nothing");
    }

    @Test
    void autogradGradWithoutCreateGraphReleasesTheGraphToo() {
        Tensor x = leaf(1, 2);
        Tensor loss = x.exp().sum();
        Autograd.grad(loss, List.of(x), false);
        assertThrows(IllegalStateException.class, () -> Autograd.grad(loss, List.of(x), false));
    }

    @Test
    void anomalyDetectionNamesTheOpAndWhereItWasCreated() {
        Tensor x = leaf(0, 1);
        Autograd.detectAnomaly(true);
        try {
            assertTrue(Autograd.isAnomalyDetectionEnabled());
            Tensor loss = x.log().sum();
            IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
            assertTrue(e.getMessage().startsWith("anomaly: backward of log produced infinity in the gradient of"
                    + " its input 0 (shape [2]); the log was created\n    at io.jgrad.core.EngineTest"
                    + ".anomalyDetectionNamesTheOpAndWhereItWasCreated(EngineTest.java:"), e.getMessage());

            Tensor nan = leaf(-1).sqrt().sum();
            IllegalStateException n = assertThrows(IllegalStateException.class, nan::backward);
            assertTrue(n.getMessage().startsWith("anomaly: backward of sqrt produced NaN"), n.getMessage());
        } finally {
            Autograd.detectAnomaly(false);
        }
        assertFalse(Autograd.isAnomalyDetectionEnabled());
        x.log().sum().backward();
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 1}, x.grad().toArray(),
                "without anomaly detection the infinity just flows into grad");
    }
}
