package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.Dense;
import io.jgrad.nn.Init;
import java.nio.file.Path;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitialisationTest {
    @TempDir
    Path dir;

    @Test
    void zerosKeepEveryHiddenUnitIdenticalAndScaledInitsTrain() throws Exception {
        TestSupport.Run run = TestSupport.quickRun(new Initialisation(), dir);
        Result r = run.result();
        // The sigmoid network from zeros: its weights moved, yet all hidden units are exact copies.
        assertTrue(r.get("symmetry.maxWeight") > 1e-4, run.output());
        assertEquals(0.0, r.get("symmetry.unitSpread"), run.output());
        // The ReLU network from zeros: no weight ever leaves 0, the loss stays at a uniform guess's.
        assertEquals(0.0, r.get("zeros.maxWeightAfter"), run.output());
        assertEquals(Math.log(10), r.get("zeros.finalLoss"), 0.01, run.output());
        // N(0, 0.01) shrinks the signal about 20-fold per layer; Xavier and He keep it of order 1.
        assertTrue(r.get("normal.lastHiddenStd") < 0.01, run.output());
        assertTrue(r.get("xavier.lastHiddenStd") > 0.1 && r.get("he.lastHiddenStd") > 0.3, run.output());
        for (String s : new String[] {"xavier", "he"}) {
            assertTrue(r.get(s + ".finalLoss") < 0.25 * r.get(s + ".initialLoss"), () -> s + "\n" + run.output());
            assertTrue(r.get(s + ".finalLoss") < 0.25 * r.get("normal.finalLoss"), () -> s + "\n" + run.output());
            assertTrue(r.get(s + ".testAccuracy") > 0.9, () -> s + "\n" + run.output());
        }
        TestSupport.assertImage(r.file("initialisation.png"));
    }

    @Test
    void unitSpreadSeesOneUnitThatDiffers() {
        Dense hidden = new Dense(3, 4, Init.constant(0.5), Init.zeros(), new MersenneTwister(1));
        Dense next = new Dense(4, 2, Init.constant(0.25), Init.zeros(), new MersenneTwister(1));
        assertEquals(0.0, Initialisation.unitSpread(hidden, next));
        next.weight().mutableData()[3 * 2 + 1] = 1.0;
        assertEquals(0.75, Initialisation.unitSpread(hidden, next), 1e-15);
    }
}
