package io.jgrad.optim;

import io.jgrad.core.Oracle;
import io.jgrad.core.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/** Random settings of every rule follow the reference implementation on the oracle problem. */
class RandomSettingsTest {
    private static final String[] RULES = {"SGD", "Momentum", "Adam", "AdamW", "RMSprop", "Adagrad"};

    @Property(tries = 60, seed = "20240607")
    void everyRuleFollowsTheReference(@ForAll @IntRange(min = 0, max = 5) int rule,
            @ForAll @Scale(10) @DoubleRange(min = 0.001, max = 0.1) double lr,
            @ForAll @Scale(10) @DoubleRange(min = 0.0, max = 0.95) double decay,
            @ForAll @Scale(10) @DoubleRange(min = 0.5, max = 0.999) double decay2,
            @ForAll @Scale(10) @DoubleRange(min = 0.0, max = 0.2) double weightDecay,
            @ForAll @Scale(10) @DoubleRange(min = 1e-8, max = 1e-3) double eps,
            @ForAll boolean option1, @ForAll boolean option2) {
        Map<String, Double> args = new LinkedHashMap<>();
        args.put("lr", lr);
        args.put("weightDecay", weightDecay);
        args.put("eps", eps);
        switch (RULES[rule]) {
            case "SGD" -> {
                args.put("momentum", option1 ? decay : 0.0);
                args.put("nesterov", option1 && option2 && decay > 0 ? 1.0 : 0.0);
                args.put("dampening", option1 && !option2 ? decay2 - 0.5 : 0.0);
            }
            case "Momentum" -> args.put("beta", decay);
            case "Adam", "AdamW" -> {
                args.put("beta1", decay);
                args.put("beta2", decay2);
                args.put("amsgrad", option1 ? 1.0 : 0.0);
            }
            case "RMSprop" -> {
                args.put("alpha", decay2);
                args.put("momentum", option1 ? decay : 0.0);
                args.put("centered", option2 ? 1.0 : 0.0);
            }
            default -> {
                args.put("lrDecay", option1 ? decay : 0.0);
                args.put("initialAccumulatorValue", option2 ? decay2 : 0.0);
            }
        }
        Config config = new Config(RULES[rule] + args, RULES[rule], args);
        Problem problem = Problem.shared();
        List<Tensor> actual = problem.freshParams();
        List<Tensor> expected = problem.freshParams();
        Optimizer opt = config.build(actual);
        Reference ref = new Reference(config, expected.size());
        for (int t = 1; t <= 6; t++) {
            problem.computeGrads(opt, actual);
            opt.step();
            expected.forEach(Tensor::zeroGrad);
            problem.loss(expected).backward();
            ref.step(expected);
        }
        for (int k = 0; k < actual.size(); k++) {
            Oracle.assertClose(config + " parameter " + k, expected.get(k), actual.get(k));
        }
    }
}
