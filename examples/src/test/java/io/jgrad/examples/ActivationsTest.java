package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivationsTest {
    @TempDir
    Path dir;

    @Test
    void derivativesMatchTheClosedFormsAndEveryActivationTrains() throws Exception {
        TestSupport.Run run = TestSupport.quickRun(new Activations(), dir);
        Result r = run.result();
        assertTrue(r.get("maxDerivativeDifference") < 1e-12, run.output());
        for (String a : new String[] {"sigmoid", "tanh", "ReLU", "leakyReLU"}) {
            assertTrue(r.get(a + ".finalLoss") < r.get(a + ".initialLoss"), () -> a + " did not learn\n" + run.output());
        }
        // The point of the table: sigmoid's small derivative slows the same network down. In the quick
        // budget (6 epochs) the others end below half its loss and reach 90-94% test accuracy.
        for (String a : new String[] {"tanh", "ReLU", "leakyReLU"}) {
            assertTrue(r.get(a + ".finalLoss") < 0.5 * r.get("sigmoid.finalLoss"), () -> a + "\n" + run.output());
            assertTrue(r.get(a + ".testAccuracy") > 0.85, () -> a + "\n" + run.output());
        }
        for (String png : new String[] {"activations.png", "activation-derivatives.png", "activations-training.png"}) {
            TestSupport.assertImage(r.file(png));
        }
    }
}
