package io.jgrad.optim;

import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The update rules written a second way, straight from the formulas of PyTorch's documentation
 * and the oracle README (Adam in the paper's form with m̂ and v̂, one element at a time, state in
 * fresh arrays), to check the optimizers on the options the PyTorch trajectories do not cover.
 * It is itself checked against every PyTorch trajectory.
 */
final class Reference {
    private final Config config;
    private final List<double[][]> state = new ArrayList<>();
    private int t;

    Reference(Config config, int paramCount) {
        this.config = config;
        for (int i = 0; i < paramCount; i++) {
            state.add(null);
        }
    }

    /** One step over all parameters, each with its gradient (every parameter has one here). */
    void step(List<Tensor> params) {
        t++;
        for (int k = 0; k < params.size(); k++) {
            double[] w = params.get(k).mutableData();
            double[] g = params.get(k).grad().data();
            if (state.get(k) == null) {
                double[][] s = new double[4][w.length];
                java.util.Arrays.fill(s[0], config.arg("initialAccumulatorValue", 0));
                state.set(k, s);
            }
            double[][] s = state.get(k);
            for (int i = 0; i < w.length; i++) {
                w[i] = element(w[i], g[i], s, i);
            }
        }
    }

    private double element(double w, double g, double[][] s, int i) {
        double lr = config.arg("lr");
        double wd = config.arg("weightDecay", 0);
        if (!config.rule().equals("AdamW")) {
            g += wd * w;
        }
        switch (config.rule()) {
            case "SGD" -> {
                double mu = config.arg("momentum", 0);
                if (mu != 0) {
                    s[0][i] = t == 1 ? g : mu * s[0][i] + (1 - config.arg("dampening", 0)) * g;
                    g = config.flag("nesterov") ? g + mu * s[0][i] : s[0][i];
                }
                return w - lr * g;
            }
            case "Momentum" -> {
                double beta = config.arg("beta");
                s[0][i] = beta * s[0][i] + (1 - beta) * g;
                return w - lr * s[0][i] / (1 - Math.pow(beta, t));
            }
            case "Adam", "AdamW" -> {
                if (config.rule().equals("AdamW")) {
                    w = w * (1 - lr * wd);
                }
                double b1 = config.arg("beta1");
                double b2 = config.arg("beta2");
                s[0][i] = b1 * s[0][i] + (1 - b1) * g;
                s[1][i] = b2 * s[1][i] + (1 - b2) * g * g;
                s[2][i] = Math.max(s[2][i], s[1][i]);
                double mHat = s[0][i] / (1 - Math.pow(b1, t));
                double vHat = (config.flag("amsgrad") ? s[2][i] : s[1][i]) / (1 - Math.pow(b2, t));
                return w - lr * mHat / (Math.sqrt(vHat) + config.arg("eps"));
            }
            case "RMSprop" -> {
                double alpha = config.arg("alpha");
                s[1][i] = alpha * s[1][i] + (1 - alpha) * g * g;
                double v = s[1][i];
                if (config.flag("centered")) {
                    s[2][i] = alpha * s[2][i] + (1 - alpha) * g;
                    v -= s[2][i] * s[2][i];
                }
                double d = g / (Math.sqrt(v) + config.arg("eps"));
                double mu = config.arg("momentum", 0);
                if (mu > 0) {
                    s[3][i] = mu * s[3][i] + d;
                    d = s[3][i];
                }
                return w - lr * d;
            }
            case "Adagrad" -> {
                s[0][i] += g * g;
                double clr = lr / (1 + (t - 1) * config.arg("lrDecay", 0));
                return w - clr * g / (Math.sqrt(s[0][i]) + config.arg("eps"));
            }
            default -> throw new IllegalArgumentException("unknown rule " + config.rule());
        }
    }
}
