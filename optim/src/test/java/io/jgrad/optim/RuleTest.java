package io.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.Oracle;
import io.jgrad.core.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule with every option — including those the PyTorch trajectories do not cover (AdamW,
 * Adagrad, AMSGrad, Nesterov, dampening, centered RMSprop, weight decay) — against the reference
 * implementation on the oracle problem, and a check that each option really changes the
 * trajectory there, so that the comparison means something.
 */
class RuleTest {
    static final int STEPS = 6;

    static Stream<Config> configs() {
        return Config.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void matchesReferenceImplementation(Config config) {
        Problem problem = Problem.shared();
        List<Tensor> actual = problem.freshParams();
        List<Tensor> expected = problem.freshParams();
        Optimizer opt = config.build(actual);
        Reference ref = new Reference(config, expected.size());
        for (int t = 1; t <= STEPS; t++) {
            problem.computeGrads(opt, actual);
            opt.step();
            expected.forEach(Tensor::zeroGrad);
            problem.loss(expected).backward();
            ref.step(expected);
            for (int k = 0; k < actual.size(); k++) {
                Oracle.assertClose(config + " parameter " + k + " after step " + t, expected.get(k), actual.get(k));
            }
        }
    }

    static Stream<Arguments> options() {
        return Stream.of(
                Arguments.of("adam_l2_amsgrad", "amsgrad", 0.0),
                Arguments.of("adamw_amsgrad", "amsgrad", 0.0),
                Arguments.of("adam_l2_amsgrad", "weightDecay", 0.0),
                Arguments.of("adamw", "weightDecay", 0.0),
                Arguments.of("sgd_weight_decay", "weightDecay", 0.0),
                Arguments.of("sgd_nesterov", "nesterov", 0.0),
                Arguments.of("sgd_momentum_dampening", "dampening", 0.0),
                Arguments.of("momentum_weight_decay", "weightDecay", 0.0),
                Arguments.of("rmsprop_centered", "centered", 0.0),
                Arguments.of("rmsprop_momentum", "momentum", 0.0),
                Arguments.of("rmsprop_centered_momentum_l2", "weightDecay", 0.0),
                Arguments.of("adagrad_all_options", "lrDecay", 0.0),
                Arguments.of("adagrad_all_options", "initialAccumulatorValue", 0.0),
                Arguments.of("adagrad_all_options", "weightDecay", 0.0));
    }

    @ParameterizedTest(name = "{0} with {1} = {2}")
    @MethodSource("options")
    void optionChangesTheTrajectory(String configName, String option, double otherValue) {
        Config config = Config.all().stream().filter(c -> c.name().equals(configName)).findFirst().orElseThrow();
        Map<String, Double> args = new HashMap<>(config.args());
        args.put(option, otherValue);
        Config other = new Config(configName + " without " + option, config.rule(), args);
        double diff = maxDifference(run(config), run(other));
        assertTrue(diff > 1e-6, configName + ": switching " + option + " changes the parameters by only " + diff);
    }

    private static List<Tensor> run(Config config) {
        Problem problem = Problem.shared();
        List<Tensor> params = problem.freshParams();
        problem.train(config.build(params), params, STEPS);
        return params;
    }

    private static double maxDifference(List<Tensor> a, List<Tensor> b) {
        double max = 0;
        for (int k = 0; k < a.size(); k++) {
            double[] x = a.get(k).data();
            double[] y = b.get(k).data();
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
        }
        return max;
    }
}
