package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShallowNetworkTest {
    @TempDir
    Path dir;

    @Test
    void aLineFailsAndOneHiddenLayerSucceeds() throws Exception {
        TestSupport.Run run = TestSupport.quickRun(new ShallowNetwork(), dir);
        Result r = run.result();
        assertTrue(r.get("logisticAccuracy") < 0.65, run.output());
        assertTrue(r.get("hiddenAccuracy") > 0.95, run.output());
        TestSupport.assertImage(r.file("shallow-logistic.png"));
        TestSupport.assertImage(r.file("shallow-hidden.png"));
    }
}
