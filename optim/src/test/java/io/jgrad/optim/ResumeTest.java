package io.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.jgrad.core.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stopping mid-run, saving the optimizer's state, loading it into a fresh optimizer over copies of
 * the parameters and continuing gives bit-identical parameters to an uninterrupted run, for every
 * rule and option, through memory and through a checkpoint file.
 */
class ResumeTest {
    static final int BEFORE = 3;
    static final int AFTER = 4;

    @TempDir
    Path dir;

    static Stream<Config> configs() {
        return Config.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void resumingFromAFileIsBitIdentical(Config config) throws IOException {
        Path file = dir.resolve(config.name() + ".jgop");
        assertResumesExactly(config, state -> {
            OptimizerCheckpoint.save(state, file);
            return OptimizerCheckpoint.load(file);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void resumingFromMemoryIsBitIdentical(Config config) throws IOException {
        assertResumesExactly(config, state -> state);
    }

    @Test
    void resumingWithoutTheStateDiffers() {
        Config config = Config.all().stream().filter(c -> c.name().equals("adam")).findFirst().orElseThrow();
        Problem problem = Problem.shared();
        List<Tensor> straight = problem.freshParams();
        problem.train(config.build(straight), straight, BEFORE + AFTER);
        List<Tensor> restarted = problem.freshParams();
        problem.train(config.build(restarted), restarted, BEFORE);
        problem.train(config.build(restarted), restarted, AFTER);
        assertFalse(Arrays.equals(straight.get(0).data(), restarted.get(0).data()),
                "a fresh Adam forgets its moments, so this check would not catch a state that is not restored");
    }

    @Test
    void resumingWithAScheduleIsBitIdentical() throws IOException {
        Config config = Config.all().stream().filter(c -> c.name().equals("adamw")).findFirst().orElseThrow();
        LrSchedule schedule = LrSchedule.sequential(List.of(LrSchedule.linear(0.2, 1.0, 2), LrSchedule.cosine(5, 0.01)), 2);
        Problem problem = Problem.shared();

        List<Tensor> straight = problem.freshParams();
        Optimizer opt = config.build(straight);
        LrScheduler scheduler = new LrScheduler(opt, schedule);
        for (int t = 0; t < BEFORE + AFTER; t++) {
            problem.computeGrads(opt, straight);
            opt.step();
            scheduler.step();
        }

        List<Tensor> first = problem.freshParams();
        Optimizer opt1 = config.build(first);
        LrScheduler scheduler1 = new LrScheduler(opt1, schedule);
        for (int t = 0; t < BEFORE; t++) {
            problem.computeGrads(opt1, first);
            opt1.step();
            scheduler1.step();
        }
        Path file = dir.resolve("adamw.jgop");
        OptimizerCheckpoint.save(opt1.stateDict(), file);
        int savedSchedulerStep = scheduler1.stepCount();

        List<Tensor> second = copies(first);
        Optimizer opt2 = config.build(second);
        opt2.loadStateDict(OptimizerCheckpoint.load(file));
        LrScheduler scheduler2 = new LrScheduler(opt2, schedule);
        scheduler2.setStepCount(savedSchedulerStep);
        assertEquals(opt1.lr(0), opt2.lr(0));
        for (int t = 0; t < AFTER; t++) {
            problem.computeGrads(opt2, second);
            opt2.step();
            scheduler2.step();
        }
        assertSameValues(straight, second);
    }

    @Test
    void theStateIsACopyBothWays() {
        Config config = Config.all().stream().filter(c -> c.name().equals("adam")).findFirst().orElseThrow();
        Problem problem = Problem.shared();
        List<Tensor> params = problem.freshParams();
        Optimizer opt = config.build(params);
        problem.train(opt, params, 2);
        OptimizerState snapshot = opt.stateDict();
        OptimizerState again = opt.stateDict();
        snapshot.params().get(0).buffers().get("exp_avg")[0] = 123.0;
        assertEquals(again, snapshot, "changing the returned arrays must not change the snapshot");
        problem.train(opt, params, 1);
        assertNotEquals(again, opt.stateDict(), "a further step changes the optimizer");
        assertEquals(again, snapshot, "... but not the snapshot taken before");
    }

    /** What happens to the state between the two halves of the run. */
    @FunctionalInterface
    interface Transfer {
        OptimizerState apply(OptimizerState state) throws IOException;
    }

    private static void assertResumesExactly(Config config, Transfer transfer) throws IOException {
        Problem problem = Problem.shared();
        List<Tensor> straight = problem.freshParams();
        problem.train(config.build(straight), straight, BEFORE + AFTER);

        List<Tensor> first = problem.freshParams();
        Optimizer opt1 = config.build(first);
        problem.train(opt1, first, BEFORE);
        OptimizerState state = transfer.apply(opt1.stateDict());
        assertEquals(opt1.stateDict(), state);

        List<Tensor> second = copies(first);
        Optimizer opt2 = config.build(second);
        opt2.loadStateDict(state);
        assertEquals(state, opt2.stateDict());
        problem.train(opt2, second, AFTER);
        assertSameValues(straight, second);
    }

    private static List<Tensor> copies(List<Tensor> params) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : params) {
            out.add(Tensor.of(p.toArray(), p.shape()).requiresGrad(true));
        }
        return out;
    }

    private static void assertSameValues(List<Tensor> expected, List<Tensor> actual) {
        for (int k = 0; k < expected.size(); k++) {
            assertArrayEquals(expected.get(k).data(), actual.get(k).data(), 0.0, "parameter " + k);
        }
    }
}
