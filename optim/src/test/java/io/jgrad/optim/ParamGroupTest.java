package io.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.core.Oracle;
import io.jgrad.core.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameter groups with their own rate and decay, parameters without gradient, zeroGrad and clearGrad. */
class ParamGroupTest {
    private static Tensor param(double... values) {
        return Tensor.of(values).requiresGrad(true);
    }

    @Test
    void biasesWithoutWeightDecayAndTheirOwnRate() {
        Tensor w = param(1.0, -2.0);
        Tensor b = param(0.5);
        SGD opt = SGD.builder(List.of(w)).lr(0.1).weightDecay(0.5)
                .addGroup(ParamGroup.of(List.of(b)).lr(0.2).weightDecay(0))
                .build();
        w.mul(Tensor.of(new double[] {3, 4})).sum().add(b.mul(5.0).sum()).backward();
        opt.step();
        Oracle.assertClose("w", Tensor.of(new double[] {1.0 - 0.1 * (3 + 0.5 * 1.0), -2.0 - 0.1 * (4 + 0.5 * -2.0)}), w);
        Oracle.assertClose("b", Tensor.of(new double[] {0.5 - 0.2 * 5}), b);
        assertEquals(2, opt.groupCount());
        assertEquals(0.1, opt.lr(0));
        assertEquals(0.2, opt.lr(1));
        assertEquals(0.5, opt.weightDecay(0));
        assertEquals(0.0, opt.weightDecay(1));
        assertEquals(List.of(w, b), opt.parameters());
    }

    @Test
    void adamWDecaysOnlyTheGroupsWithDecay() {
        Tensor w = param(1.0, -2.0);
        Tensor b = param(0.5);
        AdamW opt = AdamW.builder(List.of(w)).lr(0.1).weightDecay(0.5)
                .addGroup(ParamGroup.of(List.of(b)).weightDecay(0)).build();
        // Zero gradients: Adam's own step is 0/(0 + ε) = 0, so only the decoupled decay moves anything.
        w.mul(0.0).sum().add(b.mul(0.0).sum()).backward();
        opt.step();
        assertArrayEquals(new double[] {0.95, -1.9}, w.data(), 1e-15);
        assertArrayEquals(new double[] {0.5}, b.data(), 0.0);
    }

    @Test
    void aParameterWithoutGradientIsSkippedAndItsStepCountWaits() {
        Tensor a = param(1.0, 2.0);
        Tensor b = param(3.0);
        Adam opt = Adam.builder(List.of(a, b)).lr(0.1).build();
        a.mul(Tensor.of(new double[] {1, -1})).sum().backward();
        opt.step();
        assertArrayEquals(new double[] {3.0}, b.data(), 0.0);
        assertNull(b.grad());
        OptimizerState state = opt.stateDict();
        assertEquals(1, state.params().get(0).step());
        assertEquals(new OptimizerState.Param(0, Map.of()), state.params().get(1));

        // b's first update, at the optimizer's second step, is its own step 1: m̂ = g, v̂ = g².
        // clearGrad forgets a's gradient, so the step skips a (zeroGrad would move it: see below).
        opt.clearGrad();
        b.mul(2.0).sum().backward();
        opt.step();
        assertNull(a.grad());
        Oracle.assertClose("b", Tensor.of(new double[] {3.0 - 0.1 * 2 / (2 + 1e-8)}), b);
        assertEquals(1, opt.stateDict().params().get(0).step());
        assertEquals(1, opt.stateDict().params().get(1).step());
    }

    @Test
    void zeroGradZeroesEveryGradientInPlaceAndClearGradForgetsThem() {
        Tensor a = param(1.0);
        Tensor b = param(2.0);
        SGD opt = SGD.builder(List.of(a)).addGroup(ParamGroup.of(List.of(b))).build();
        a.add(b).mul(3.0).sum().backward();
        Tensor aGrad = a.grad();
        opt.zeroGrad();
        assertSame(aGrad, a.grad());
        assertArrayEquals(new double[] {0.0}, a.grad().data(), 0.0);
        assertArrayEquals(new double[] {0.0}, b.grad().data(), 0.0);
        opt.clearGrad();
        assertNull(a.grad());
        assertNull(b.grad());
    }

    @Test
    void aZeroedGradientStillMovesAParameterWithMomentumAsInPyTorch() {
        Tensor a = param(1.0, 2.0);
        Adam opt = Adam.builder(List.of(a)).lr(0.1).build();
        a.mul(Tensor.of(new double[] {1, -1})).sum().backward();
        opt.step();
        double[] afterFirst = a.data().clone();
        opt.zeroGrad();   // nothing reaches a before the next step: its gradient stays zero
        opt.step();
        double m = 0.9 * 0.1, v = 0.999 * 0.001;   // β₁·m₁ and β₂·v₁ for |g₁| = 1
        double move = 0.1 * (m / (1 - 0.9 * 0.9)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
        assertArrayEquals(new double[] {afterFirst[0] - move, afterFirst[1] + move}, a.data(), 1e-15);
        assertEquals(2, opt.stateDict().params().get(0).step());
    }

    @Test
    void anEmptyGroupIsAllowedBesideOthers() {
        Tensor a = param(1.0);
        SGD opt = SGD.builder(List.of(a)).lr(0.5).addGroup(ParamGroup.of(List.of()).weightDecay(0)).build();
        a.mul(2.0).sum().backward();
        opt.step();
        assertArrayEquals(new double[] {0.0}, a.data(), 0.0);
        assertEquals(2, opt.stateDict().groups().size());
    }

    @Test
    void aGroupIndexOutOfRangeIsNamed() {
        SGD opt = SGD.builder(List.of(param(1.0))).build();
        assertEquals("SGD: parameter group 1 does not exist; there are 1",
                assertThrows(IndexOutOfBoundsException.class, () -> opt.lr(1)).getMessage());
    }
}
