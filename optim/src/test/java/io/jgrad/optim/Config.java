package io.jgrad.optim;

import io.jgrad.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * An optimizer rule with its settings, buildable for any parameters; the settings are the same
 * names as the oracle's {@code args} (lr, momentum, betas as beta1/beta2, ...), so the reference
 * implementation can read them too.
 */
record Config(String name, String rule, Map<String, Double> args) {
    double arg(String key) {
        Double v = args.get(key);
        if (v == null) {
            throw new IllegalArgumentException(name + ": no setting " + key);
        }
        return v;
    }

    double arg(String key, double fallback) {
        return args.getOrDefault(key, fallback);
    }

    boolean flag(String key) {
        return arg(key, 0.0) != 0.0;
    }

    Optimizer build(List<Tensor> params) {
        double lr = arg("lr");
        double wd = arg("weightDecay", 0.0);
        return switch (rule) {
            case "SGD" -> SGD.builder(params).lr(lr).momentum(arg("momentum", 0)).dampening(arg("dampening", 0))
                    .nesterov(flag("nesterov")).weightDecay(wd).build();
            case "Momentum" -> Momentum.builder(params).lr(lr).beta(arg("beta")).weightDecay(wd).build();
            case "Adam" -> Adam.builder(params).lr(lr).betas(arg("beta1"), arg("beta2")).eps(arg("eps"))
                    .weightDecay(wd).amsgrad(flag("amsgrad")).build();
            case "AdamW" -> AdamW.builder(params).lr(lr).betas(arg("beta1"), arg("beta2")).eps(arg("eps"))
                    .weightDecay(wd).amsgrad(flag("amsgrad")).build();
            case "RMSprop" -> RMSprop.builder(params).lr(lr).alpha(arg("alpha")).eps(arg("eps"))
                    .momentum(arg("momentum", 0)).centered(flag("centered")).weightDecay(wd).build();
            case "Adagrad" -> Adagrad.builder(params).lr(lr).lrDecay(arg("lrDecay", 0))
                    .initialAccumulatorValue(arg("initialAccumulatorValue", 0)).eps(arg("eps")).weightDecay(wd).build();
            default -> throw new IllegalArgumentException("unknown rule " + rule);
        };
    }

    @Override
    public String toString() {
        return name;
    }

    /** Every rule with each of its options switched on somewhere. */
    static List<Config> all() {
        return List.of(
                new Config("sgd", "SGD", Map.of("lr", 0.08)),
                new Config("sgd_weight_decay", "SGD", Map.of("lr", 0.05, "weightDecay", 0.1)),
                new Config("sgd_momentum", "SGD", Map.of("lr", 0.03, "momentum", 0.9)),
                new Config("sgd_momentum_dampening", "SGD",
                        Map.of("lr", 0.03, "momentum", 0.8, "dampening", 0.3, "weightDecay", 0.05)),
                new Config("sgd_nesterov", "SGD", Map.of("lr", 0.03, "momentum", 0.8, "nesterov", 1.0, "weightDecay", 0.01)),
                new Config("momentum", "Momentum", Map.of("lr", 0.1, "beta", 0.8)),
                new Config("momentum_weight_decay", "Momentum", Map.of("lr", 0.05, "beta", 0.9, "weightDecay", 0.02)),
                new Config("adam", "Adam", Map.of("lr", 0.1, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8)),
                new Config("adam_l2_amsgrad", "Adam",
                        Map.of("lr", 0.1, "beta1", 0.8, "beta2", 0.9, "eps", 1e-6, "weightDecay", 0.05, "amsgrad", 1.0)),
                new Config("adamw", "AdamW", Map.of("lr", 0.1, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weightDecay", 0.1)),
                new Config("adamw_amsgrad", "AdamW",
                        Map.of("lr", 0.1, "beta1", 0.8, "beta2", 0.9, "eps", 1e-8, "weightDecay", 0.2, "amsgrad", 1.0)),
                new Config("rmsprop", "RMSprop", Map.of("lr", 0.02, "alpha", 0.99, "eps", 1e-8)),
                new Config("rmsprop_momentum", "RMSprop", Map.of("lr", 0.01, "alpha", 0.9, "eps", 1e-8, "momentum", 0.5)),
                new Config("rmsprop_centered", "RMSprop", Map.of("lr", 0.01, "alpha", 0.9, "eps", 1e-8, "centered", 1.0)),
                new Config("rmsprop_centered_momentum_l2", "RMSprop", Map.of("lr", 0.01, "alpha", 0.95, "eps", 1e-6,
                        "centered", 1.0, "momentum", 0.7, "weightDecay", 0.03)),
                new Config("adagrad", "Adagrad", Map.of("lr", 0.1, "eps", 1e-10)),
                new Config("adagrad_all_options", "Adagrad", Map.of("lr", 0.2, "eps", 1e-6, "lrDecay", 0.1,
                        "initialAccumulatorValue", 0.5, "weightDecay", 0.01)));
    }
}
