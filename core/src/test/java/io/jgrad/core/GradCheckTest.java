package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** GradCheck where nothing recorded links the checked scalar to the inputs. */
class GradCheckTest {

    @Test
    void secondOrderOfALinearFunctionIsZeroAndPasses() {
        Tensor x = Tensor.of(new double[] {1, -2, 3}, 3).requiresGrad(true);
        GradCheck.Report r = GradCheck.checkSecondOrder(in -> in.get(0).mul(2.0).add(1.0), List.of(x));
        assertTrue(r.passed(), r::toString);
        assertEquals(3, r.checkedElements());
        assertEquals(0.0, r.autograd());
        assertEquals(0.0, r.numeric(), 1e-9);
    }

    @Test
    void aFunctionComputedOffTheGraphIsReportedNotThrown() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        GradCheck.Report r = GradCheck.check(in -> in.get(0).detach().mul(3.0).sum(), List.of(x));
        assertFalse(r.passed());
        assertEquals(0.0, r.autograd());
        assertEquals(3.0, r.numeric(), 1e-6);
        assertArrayEquals(new int[] {0}, r.worstIndex());
    }
}
