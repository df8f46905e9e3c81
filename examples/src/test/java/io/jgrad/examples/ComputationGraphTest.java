package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComputationGraphTest {
    @TempDir
    Path dir;

    @Test
    void backwardGivesTheChainRuleValuesAndTheGraphNamesItsOps() throws Exception {
        TestSupport.Run run = TestSupport.quickRun(new ComputationGraph(), dir);
        Result r = run.result();
        assertEquals(3.0, r.get("dJda"));
        assertEquals(6.0, r.get("dJdb"));
        assertEquals(9.0, r.get("dJdc"));
        assertEquals(7.0, r.get("dfdx"));
        String dot = Files.readString(r.file("computation-graph.dot"));
        assertTrue(dot.startsWith("digraph"), dot);
        for (String expected : new String[] {"label=\"mul", "label=\"add", "label=\"a\\n", "label=\"b\\n", "label=\"c\\n"}) {
            assertTrue(dot.contains(expected), () -> expected + " missing in\n" + dot);
        }
        // Backward reaches J, then u, then v: the order of the reverse walk.
        String out = run.output();
        assertTrue(out.indexOf("arrives at J") < out.indexOf("arrives at u")
                && out.indexOf("arrives at u") < out.indexOf("arrives at v"), out);
        if (Graphviz.findOnPath("dot").isPresent()) {
            assertTrue(Files.readString(r.file("computation-graph.svg")).contains("<svg"));
        } else {
            assertTrue(out.contains("'dot' is not on the PATH"), out);
        }
    }
}
