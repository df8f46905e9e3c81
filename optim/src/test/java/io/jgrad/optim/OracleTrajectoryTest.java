package io.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jgrad.core.Oracle;
import io.jgrad.core.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer trajectory of {@code shared/oracle/optim.json} (PyTorch 1.13, float64): the loss
 * and gradients before each of the six steps and the parameters after it, within the oracle
 * tolerance. The reference implementation used by {@link RuleTest} is held to the same values.
 */
class OracleTrajectoryTest {
    static Stream<JsonNode> cases() {
        return Oracle.cases("optim.json").stream();
    }

    /** An oracle case's optimizer and arguments as a {@link Config} (betas split, booleans as 1/0). */
    static Config config(JsonNode c) {
        String rule = c.get("optimizer").asText();
        Map<String, Double> args = new LinkedHashMap<>();
        c.get("args").properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (e.getKey().equals("betas")) {
                args.put("beta1", v.get(0).asDouble());
                args.put("beta2", v.get(1).asDouble());
            } else {
                args.put(e.getKey(), v.isBoolean() ? (v.asBoolean() ? 1.0 : 0.0) : v.asDouble());
            }
        });
        return new Config(c.get("name").asText(), rule.equals("EmaMomentum") ? "Momentum" : rule, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void optimizerFollowsPyTorchTrajectory(JsonNode c) {
        Problem problem = Problem.of(c);
        List<Tensor> params = problem.freshParams();
        Optimizer opt = config(c).build(params);
        check(c, problem, params, opt::step);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void referenceFollowsPyTorchTrajectory(JsonNode c) {
        Problem problem = Problem.of(c);
        List<Tensor> params = problem.freshParams();
        Reference ref = new Reference(config(c), params.size());
        check(c, problem, params, () -> ref.step(params));
    }

    /**
     * Every rule the oracle README defines maps to one of ours; a reference file may hold any of
     * them (the shipped one has four), so this checks the file against that list, not its exact set.
     */
    @Test
    void everyOracleRuleIsCovered() {
        Set<String> rules = new TreeSet<>();
        cases().forEach(c -> rules.add(c.get("optimizer").asText()));
        Set<String> known = Set.of("SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "EmaMomentum");
        assertTrue(known.containsAll(rules), "optim.json has rules " + rules + " and only " + known
                + " are mapped: map a new one's name in config() and check its arguments");
    }

    private static void check(JsonNode c, Problem problem, List<Tensor> params, Runnable step) {
        String name = c.get("name").asText();
        int steps = c.get("steps").asInt();
        for (int t = 0; t < steps; t++) {
            params.forEach(Tensor::zeroGrad);
            Tensor loss = problem.loss(params);
            loss.backward();
            Oracle.assertClose(name + " loss before step " + (t + 1),
                    Tensor.scalar(c.get("losses").get(t).asDouble()), Tensor.scalar(loss.item()));
            for (int k = 0; k < params.size(); k++) {
                Oracle.assertClose(name + " grad " + k + " before step " + (t + 1),
                        Oracle.tensor(c.get("grads").get(t).get(k)), params.get(k).grad());
            }
            step.run();
            for (int k = 0; k < params.size(); k++) {
                Oracle.assertClose(name + " " + c.get("paramNames").get(k).asText() + " after step " + (t + 1),
                        Oracle.tensor(c.get("params").get(t).get(k)), params.get(k));
            }
        }
        Oracle.assertClose(name + " final loss", Tensor.scalar(c.get("finalLoss").asDouble()),
                Tensor.scalar(problem.loss(params).item()));
    }
}
