package io.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine hands a leaf the gradient tensor a pass made for it instead of a copy; these check
 * that it never does so when someone else can still see that tensor, so accumulating into one
 * leaf's {@code grad} never changes another tensor.
 */
final class GradientOwnershipTest {

    @Test
    void leavesFedTheSamePassedThroughGradientGetSeparateStorage() {
        Tensor a = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {3, 4}).requiresGrad(true);
        a.add(b).mul(2.0).sum().backward();   // add passes one gradient tensor to both leaves
        assertNotSame(a.grad().data(), b.grad().data());
        a.add(b).mul(2.0).sum().backward();   // accumulates in place into each
        assertArrayEquals(new double[] {4, 4}, a.grad().toArray());
        assertArrayEquals(new double[] {4, 4}, b.grad().toArray());
    }

    @Test
    void aGradientAHookKeptIsNotChangedByLaterAccumulation() {
        Tensor w = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
        List<Tensor> seen = new ArrayList<>();
        w.registerHook(g -> {
            seen.add(g);
            return g;
        });
        w.mul(3.0).sum().backward();
        w.mul(3.0).sum().backward();
        assertArrayEquals(new double[] {3, 3, 3}, seen.get(0).toArray());
        assertArrayEquals(new double[] {6, 6, 6}, w.grad().toArray());
    }

    @Test
    void aGradientSeenByAnIntermediateHookIsNotAdopted() {
        Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        List<Tensor> seen = new ArrayList<>();
        Tensor h = w.mul(2.0);
        h.registerHook(g -> {
            seen.add(g);
            return g;
        });
        h.add(w).sum().backward();
        w.mul(1.0).sum().backward();
        assertArrayEquals(new double[] {1, 1}, seen.get(0).toArray());
        assertArrayEquals(new double[] {4, 4}, w.grad().toArray());
    }

    @Test
    void aCustomFunctionReturningItsOwnTensorGetsItCopied() {
        Tensor constant = Tensor.of(new double[] {5, 6});
        CustomFunction passConstant = new CustomFunction() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                return in[0].copy();
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gradOutput) {
                return new Tensor[] {constant};
            }
        };
        Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        passConstant.apply(w).sum().backward();
        passConstant.apply(w).sum().backward();
        assertArrayEquals(new double[] {5, 6}, constant.toArray());
        assertArrayEquals(new double[] {10, 12}, w.grad().toArray());
    }

    @Test
    void aUserSeedIsNeverAdopted() {
        Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor seed = Tensor.of(new double[] {1, 1});
        w.backward(seed);
        w.backward(seed);
        assertArrayEquals(new double[] {1, 1}, seed.toArray());
        assertArrayEquals(new double[] {2, 2}, w.grad().toArray());
        Tensor v = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor column = Tensor.of(new double[] {1, 1}, 2, 1);
        v.reshape(2, 1).backward(column);   // reshape's backward passes a view of the seed on
        v.reshape(2, 1).backward(column);
        assertArrayEquals(new double[] {1, 1}, column.toArray());
        assertArrayEquals(new double[] {2, 2}, v.grad().toArray());
    }
}
