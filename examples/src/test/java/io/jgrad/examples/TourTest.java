package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TourTest {
    @TempDir
    Path dir;

    @Test
    void tourMakesEachOfItsClaims() throws Exception {
        TestSupport.Run run = TestSupport.quickRun(new Tour(), dir);
        Result r = run.result();
        String out = run.output();
        assertTrue(r.get("chainRuleMaxDifference") < 1e-12, out);
        assertTrue(r.get("backpropMaxDifference") < 1e-12, out);
        assertTrue(r.get("testAccuracy") >= 0.95, out);
        assertTrue(out.contains("training 100%"), "the progress bar ran to the end:\n" + out);
        assertTrue(out.contains("files go to " + dir.toAbsolutePath().normalize()), out);
        TestSupport.assertImage(r.file("tour-loss.png"));
        String dot = Files.readString(r.file("tour-graph.dot"));
        for (String op : new String[] {"label=\"linearRelu", "label=\"linear\\n", "label=\"crossEntropy", "label=\"0.weight",
                "label=\"2.bias"}) {
            assertTrue(dot.contains(op), () -> op + " missing in\n" + dot);
        }
        if (Graphviz.findOnPath("dot").isPresent()) {
            assertTrue(Files.readString(r.file("tour-graph.svg")).contains("<svg"));
        }
    }
}
