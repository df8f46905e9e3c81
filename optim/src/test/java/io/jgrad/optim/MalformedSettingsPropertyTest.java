package io.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.Oracle;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random settings for every rule, each drawn either from its documented range or from a pool of
 * bad values (NaN, ±∞, −1, 0, −0, 1, 1.5): a rule with any setting out of range is refused at
 * build time with an IllegalArgumentException that starts with the rule's name and names an
 * offending setting; a rule with only valid settings follows the reference implementation for six
 * steps. {@value #TRIES} settings per run.
 */
final class MalformedSettingsPropertyTest {
    /** Settings tried per run, quoted in docs/RELIABILITY.md. */
    static final int TRIES = 300;
    private static final double[] BAD = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1.0, 0.0,
            -0.0, 1.0, 1.5};
    private static final String[] RULES = {"SGD", "Momentum", "Adam", "AdamW", "RMSprop", "Adagrad"};

    /** A setting, the range the documentation gives it, and a value drawn from that range. */
    private enum Range {
        POSITIVE, NON_NEGATIVE, DECAY, FRACTION, FLAG;

        boolean contains(double v) {
            return switch (this) {
                case POSITIVE -> v > 0 && Double.isFinite(v);
                case NON_NEGATIVE -> v >= 0 && Double.isFinite(v);
                case DECAY -> v >= 0 && v < 1;
                case FRACTION -> v >= 0 && v <= 1;
                case FLAG -> v == 0 || v == 1;
            };
        }

        double draw(SplittableRandom r) {
            return switch (this) {
                case POSITIVE -> r.nextDouble(1e-4, 0.1);
                case NON_NEGATIVE -> r.nextDouble(0, 0.2);
                case DECAY -> r.nextDouble(0, 0.999);
                case FRACTION -> r.nextDouble(0, 1);
                case FLAG -> r.nextBoolean() ? 1.0 : 0.0;
            };
        }
    }

    private static Map<String, Range> settings(String rule) {
        Map<String, Range> s = new LinkedHashMap<>();
        s.put("lr", Range.POSITIVE);
        s.put("weightDecay", Range.NON_NEGATIVE);
        switch (rule) {
            case "SGD" -> {
                s.put("momentum", Range.NON_NEGATIVE);
                s.put("dampening", Range.FRACTION);
                s.put("nesterov", Range.FLAG);
            }
            case "Momentum" -> s.put("beta", Range.DECAY);
            case "Adam", "AdamW" -> {
                s.put("beta1", Range.DECAY);
                s.put("beta2", Range.DECAY);
                s.put("eps", Range.POSITIVE);
                s.put("amsgrad", Range.FLAG);
            }
            case "RMSprop" -> {
                s.put("alpha", Range.DECAY);
                s.put("eps", Range.POSITIVE);
                s.put("momentum", Range.NON_NEGATIVE);
                s.put("centered", Range.FLAG);
            }
            default -> {
                s.put("lrDecay", Range.NON_NEGATIVE);
                s.put("initialAccumulatorValue", Range.NON_NEGATIVE);
                s.put("eps", Range.POSITIVE);
            }
        }
        return s;
    }

    @Property(tries = TRIES)
    void everySettingIsRefusedByNameOrFollowsTheReference(@ForAll @IntRange(min = 0, max = 5) int ruleIndex,
                                                          @ForAll long seed) {
        String rule = RULES[ruleIndex];
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, Double> args = new LinkedHashMap<>();
        List<String> outOfRange = new ArrayList<>();
        settings(rule).forEach((name, range) -> {
            boolean bad = range != Range.FLAG && r.nextInt(4) == 0;
            double v = bad ? BAD[r.nextInt(BAD.length)] : range.draw(r);
            args.put(name, v);
            if (!range.contains(v)) {
                outOfRange.add(name);
            }
        });
        if (rule.equals("SGD") && args.get("nesterov") == 1.0 && !(args.get("momentum") > 0 && args.get("dampening") == 0)) {
            outOfRange.add("nesterov");
        }
        Config config = new Config(rule + args, rule, args);
        Problem problem = Problem.shared();
        List<Tensor> actual = problem.freshParams();
        if (!outOfRange.isEmpty()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config.build(actual),
                    () -> config + " has " + outOfRange + " out of range but was built");
            assertTrue(e.getMessage().startsWith(rule + ": ") && outOfRange.stream().anyMatch(e.getMessage()::contains),
                    () -> config + ": the message should name the rule and one of " + outOfRange + ": " + e.getMessage());
            return;
        }
        List<Tensor> expected = problem.freshParams();
        Optimizer opt = config.build(actual);
        Reference reference = new Reference(config, expected.size());
        for (int t = 0; t < 6; t++) {
            problem.computeGrads(opt, actual);
            opt.step();
            expected.forEach(Tensor::zeroGrad);
            problem.loss(expected).backward();
            reference.step(expected);
        }
        for (int k = 0; k < actual.size(); k++) {
            Oracle.assertClose(config + " parameter " + k, expected.get(k), actual.get(k));
        }
    }
}
