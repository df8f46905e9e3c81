package io.jgrad.optim;

import com.fasterxml.jackson.databind.JsonNode;
import io.jgrad.core.Oracle;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The optimizer reference problem of {@code shared/oracle/optim.json}:
 * L(w, W) = 1/2·Σ(A w − b)² + Σ tanh(X W)², written with core ops so autograd gives the gradients.
 */
final class Problem {
    final Tensor a;
    final Tensor b;
    final Tensor x;
    private final List<Tensor> init;

    private Problem(JsonNode c) {
        JsonNode p = c.get("problem");
        a = Oracle.tensor(p.get("A"));
        b = Oracle.tensor(p.get("b"));
        x = Oracle.tensor(p.get("X"));
        init = new ArrayList<>();
        c.get("init").forEach(t -> init.add(Oracle.tensor(t)));
    }

    /** The problem of one oracle case. */
    static Problem of(JsonNode oracleCase) {
        return new Problem(oracleCase);
    }

    /** The problem every oracle case shares (they start from the same point). */
    static Problem shared() {
        return of(Oracle.cases("optim.json").get(0));
    }

    /** Fresh leaf parameters [w, W] at the starting point. */
    List<Tensor> freshParams() {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : init) {
            out.add(t.copy().requiresGrad(true));
        }
        return out;
    }

    /** The loss at parameters [w, W], recorded for backward. */
    Tensor loss(List<Tensor> params) {
        Tensor residual = a.matmul(params.get(0)).sub(b);
        Tensor quadratic = residual.mul(residual).sum().mul(0.5);
        Tensor h = x.matmul(params.get(1)).tanh();
        return quadratic.add(h.mul(h).sum());
    }

    /** Fills every parameter's gradient: zeroGrad, forward, backward; returns the loss. */
    double computeGrads(Optimizer opt, List<Tensor> params) {
        opt.zeroGrad();
        Tensor loss = loss(params);
        loss.backward();
        return loss.item();
    }

    /** Runs {@code steps} training steps of {@code opt} on {@code params}. */
    void train(Optimizer opt, List<Tensor> params, int steps) {
        for (int t = 0; t < steps; t++) {
            computeGrads(opt, params);
            opt.step();
        }
    }
}
