package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogisticRegressionTest {
    @TempDir
    Path dir;

    @Test
    void threeVersionsLearnTheSameAccurateModel() throws Exception {
        TestSupport.Run run = TestSupport.quickRun(new LogisticRegression(), dir);
        Result r = run.result();
        assertTrue(r.get("maxWeightDifference") < 1e-12, run.output());
        assertTrue(r.get("crossValidatedAccuracy") >= 0.95, run.output());
        assertTrue(r.get("trainAccuracy") >= 0.97, run.output());
        for (String timing : new String[] {"loopMillis", "vectorisedMillis", "autogradMillis"}) {
            assertTrue(r.get(timing) > 0, timing);
        }
        assertTrue(run.output().contains("time: loops"), run.output());
        TestSupport.assertImage(r.file("logistic-regression.png"));
    }
}
