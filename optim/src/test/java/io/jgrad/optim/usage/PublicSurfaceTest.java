package io.jgrad.optim.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.Tensor;
import io.jgrad.optim.Adagrad;
import io.jgrad.optim.Adam;
import io.jgrad.optim.AdamW;
import io.jgrad.optim.GradClip;
import io.jgrad.optim.LrSchedule;
import io.jgrad.optim.LrScheduler;
import io.jgrad.optim.Momentum;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.OptimizerState;
import io.jgrad.optim.ParamGroup;
import io.jgrad.optim.RMSprop;
import io.jgrad.optim.SGD;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/**
 * The calls of DESIGN.md, compiled from outside the package as a user's code is, and a small
 * least-squares fit that each optimizer must solve.
 */
class PublicSurfaceTest {
    @Test
    void everyBuilderAsDesignNamesItFitsALine() {
        for (int k = 0; k < 6; k++) {
            Tensor w = Tensor.zeros(2).requiresGrad(true);
            Tensor b = Tensor.zeros(1).requiresGrad(true);
            List<Tensor> params = List.of(w);
            Optimizer opt = switch (k) {
                case 0 -> SGD.builder(params).lr(0.1).momentum(0.9).dampening(0).nesterov(false).weightDecay(0)
                        .addGroup(ParamGroup.of(List.of(b)).weightDecay(0)).build();
                case 1 -> Momentum.builder(params).lr(0.1).beta(0.9).addGroup(ParamGroup.of(List.of(b))).build();
                case 2 -> Adam.builder(params).lr(1e-1).betas(0.9, 0.999).eps(1e-8).weightDecay(0).amsgrad(false)
                        .addGroup(ParamGroup.of(List.of(b))).build();
                case 3 -> AdamW.builder(params).lr(1e-1).weightDecay(0.01)
                        .addGroup(ParamGroup.of(List.of(b)).weightDecay(0)).build();
                case 4 -> RMSprop.builder(params).lr(5e-2).alpha(0.99).eps(1e-8).momentum(0)
                        .addGroup(ParamGroup.of(List.of(b))).build();
                default -> Adagrad.builder(params).lr(0.5).addGroup(ParamGroup.of(List.of(b))).build();
            };
            LrScheduler scheduler = new LrScheduler(opt, LrSchedule.step(100, 0.5));
            double loss = fit(opt, scheduler, w, b);
            assertTrue(loss < 1e-3, opt.name() + " left the loss at " + loss);
            OptimizerState state = opt.stateDict();
            assertEquals(opt.name(), state.optimizer());
            opt.loadStateDict(state);
        }
    }

    /** Fits y = 2·x₁ − 3·x₂ + 0.5 by mini-batch-free descent; returns the final mean squared error. */
    private static double fit(Optimizer opt, LrScheduler scheduler, Tensor w, Tensor b) {
        MersenneTwister rng = new MersenneTwister(7);
        Tensor x = Tensor.randn(rng, 32, 2);
        Tensor y = x.matmul(Tensor.of(new double[] {2, -3})).add(0.5);
        double loss = Double.NaN;
        for (int step = 0; step < 400; step++) {
            opt.zeroGrad();
            Tensor r = x.matmul(w).add(b).sub(y);
            Tensor mse = r.mul(r).mean();
            mse.backward();
            GradClip.clipGradNorm(opt.parameters(), 10.0);
            opt.step();
            scheduler.step();
            loss = mse.item();
        }
        return loss;
    }
}
