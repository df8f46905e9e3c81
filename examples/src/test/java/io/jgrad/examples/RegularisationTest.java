package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.Dataset;
import java.nio.file.Path;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegularisationTest {
    @TempDir
    Path dir;

    @Test
    void l2AndDropoutNarrowTheTrainTestGap() throws Exception {
        TestSupport.Run run = TestSupport.quickRun(new Regularisation(), dir);
        Result r = run.result();
        // Unregularised, the network fits flipped labels: well above the test accuracy. (Seeds 1, 2,
        // 3, 7 and 42 give gaps of 7-13 points in the quick budget, 12-15 in the full one.)
        assertTrue(r.get("none.gap") > 0.07, run.output());
        assertTrue(r.get("none.trainAccuracy") > r.get("ceiling"), run.output());
        for (String k : new String[] {"l2", "dropout"}) {
            assertTrue(r.get(k + ".gap") < r.get("none.gap") - 0.04, () -> k + "\n" + run.output());
            // The unregularised model is confidently wrong on test points near its islands.
            assertTrue(r.get(k + ".testLoss") < 0.8 * r.get("none.testLoss"), () -> k + "\n" + run.output());
            assertTrue(r.get(k + ".testAccuracy") >= r.get("none.testAccuracy"), () -> k + "\n" + run.output());
        }
        for (String png : new String[] {"regularisation-none.png", "regularisation-l2.png", "regularisation-dropout.png",
                "regularisation-accuracy.png", "regularisation-loss.png"}) {
            TestSupport.assertImage(r.file(png));
        }
    }

    @Test
    void noisyWaveFlipsAboutTheAskedFractionOfLabels() {
        Dataset d = Regularisation.noisyWave(4000, new MersenneTwister(3));
        double flipped = (double) Regularisation.flipped(d) / d.size();
        // Binomial(4000, 0.1): standard deviation 0.0047, so 0.1 ± 0.02 is more than 4 of them.
        assertEquals(Regularisation.LABEL_NOISE, flipped, 0.02);
        assertEquals(1, Regularisation.trueClass(0.5, 0.6));
        assertEquals(0, Regularisation.trueClass(0.5, 0.4));
    }
}
