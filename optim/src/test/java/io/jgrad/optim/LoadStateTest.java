package io.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Optimizer#loadStateDict} refuses a state that does not fit — another rule, other
 * hyper-parameters, other groups, wrong array names or sizes — with a message saying what differs,
 * and leaves the optimizer exactly as it was.
 */
class LoadStateTest {
    private static final Config ADAM = new Config("adam", "Adam",
            Map.of("lr", 0.1, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8));

    static Stream<Arguments> badStates() {
        return Stream.of(
                Arguments.of("another rule",
                        edit(s -> new OptimizerState("SGD", s.hyperParameters(), s.groups(), s.params())),
                        "Adam.loadStateDict: the state is from SGD, not Adam; load it into a SGD optimizer"),
                Arguments.of("other hyper-parameters",
                        edit(s -> new OptimizerState("Adam", with(s.hyperParameters(), "beta1", 0.8), s.groups(), s.params())),
                        "Adam.loadStateDict: the state was saved with {beta1=0.8, beta2=0.999, eps=1.0E-8, amsgrad=0.0}"
                                + " but this optimizer has {beta1=0.9, beta2=0.999, eps=1.0E-8, amsgrad=0.0};"
                                + " build it with the same settings"),
                Arguments.of("two groups",
                        edit(s -> new OptimizerState("Adam", s.hyperParameters(),
                                List.of(new OptimizerState.Group(0.1, 0.1, 0, 1), new OptimizerState.Group(0.1, 0.1, 0, 1)),
                                s.params())),
                        "Adam.loadStateDict: the state has 2 parameter groups but this optimizer has 1;"
                                + " build it with the same groups"),
                Arguments.of("another group size",
                        edit(s -> new OptimizerState("Adam", s.hyperParameters(),
                                List.of(new OptimizerState.Group(0.1, 0.1, 0, 3)), s.params())),
                        "Adam.loadStateDict: parameter group 0 has 3 parameters and weight decay 0.0 in the state"
                                + " but 2 and 0.0 here; build the optimizer with the same groups"),
                Arguments.of("another weight decay",
                        edit(s -> new OptimizerState("Adam", s.hyperParameters(),
                                List.of(new OptimizerState.Group(0.1, 0.1, 0.5, 2)), s.params())),
                        "Adam.loadStateDict: parameter group 0 has 2 parameters and weight decay 0.5 in the state"
                                + " but 2 and 0.0 here; build the optimizer with the same groups"),
                Arguments.of("a missing parameter",
                        edit(s -> new OptimizerState("Adam", s.hyperParameters(), s.groups(), s.params().subList(0, 1))),
                        "Adam.loadStateDict: the state has 1 parameters but the groups hold 2"),
                Arguments.of("an array of another size",
                        edit(s -> withParam(s, 1, new OptimizerState.Param(2,
                                Map.of("exp_avg", new double[5], "exp_avg_sq", new double[6])))),
                        "Adam.loadStateDict: parameter 1 (shape [3, 2]): state array exp_avg has 5 values,"
                                + " the parameter has 6"),
                Arguments.of("a missing array",
                        edit(s -> withParam(s, 0, new OptimizerState.Param(2, Map.of("exp_avg", new double[4])))),
                        "Adam.loadStateDict: parameter 0 (shape [4]) after 2 steps has state arrays [exp_avg]"
                                + " but Adam expects [exp_avg, exp_avg_sq]"),
                Arguments.of("arrays before any step",
                        edit(s -> withParam(s, 0, new OptimizerState.Param(0, s.params().get(0).buffers()))),
                        "Adam.loadStateDict: parameter 0 (shape [4]) after 0 steps has state arrays"
                                + " [exp_avg, exp_avg_sq] but Adam expects []"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badStates")
    void aStateThatDoesNotFitIsRefusedAndChangesNothing(String what, UnaryOperator<OptimizerState> edit,
            String message) {
        Problem problem = Problem.shared();
        List<Tensor> params = problem.freshParams();
        Optimizer opt = ADAM.build(params);
        problem.train(opt, params, 2);
        OptimizerState before = opt.stateDict();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> opt.loadStateDict(edit.apply(before)));
        assertEquals(message, e.getMessage());
        assertEquals(before, opt.stateDict(), what + ": the optimizer changed");
        assertEquals(before.groups(), opt.stateDict().groups());
    }

    private static UnaryOperator<OptimizerState> edit(UnaryOperator<OptimizerState> f) {
        return f;
    }

    private static Map<String, Double> with(Map<String, Double> map, String key, double value) {
        Map<String, Double> out = new LinkedHashMap<>(map);
        out.put(key, value);
        return out;
    }

    private static OptimizerState withParam(OptimizerState s, int index, OptimizerState.Param param) {
        List<OptimizerState.Param> params = new ArrayList<>(s.params());
        params.set(index, param);
        return new OptimizerState(s.optimizer(), s.hyperParameters(), s.groups(), params);
    }
}
