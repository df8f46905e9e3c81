package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizersTest {
    @TempDir
    Path dir;

    @Test
    void everyOptimizerLowersTheLossAndMiniBatchesTakeMoreSteps() throws Exception {
        TestSupport.Run run = TestSupport.quickRun(new Optimizers(), dir);
        Result r = run.result();
        int epochs = 4;
        int stepsPerEpoch = 45; // ⌈1438 / 32⌉ training examples per batch of 32
        for (Optimizers.Contender c : Optimizers.contenders()) {
            String k = c.key();
            assertTrue(r.get(k + ".finalLoss") < 0.8 * r.get(k + ".initialLoss"), () -> k + "\n" + run.output());
            assertEquals(c.batch() == 0 ? epochs : epochs * stepsPerEpoch, r.get(k + ".steps"), k);
        }
        // The same network and start: every optimizer sees the same initial loss.
        assertEquals(r.get("gd.initialLoss"), r.get("adam.initialLoss"));
        // At equal epochs (equal arithmetic), 45 noisy steps per epoch beat one exact step.
        assertTrue(r.get("sgd.finalLoss") < 0.5 * r.get("gd.finalLoss"), run.output());
        for (String k : new String[] {"sgd", "sgdMomentum", "momentum", "rmsprop", "adam"}) {
            assertTrue(r.get(k + ".testAccuracy") > 0.9, () -> k + "\n" + run.output());
        }
        TestSupport.assertImage(r.file("optimizers.png"));
    }
}
