package io.jgrad.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.Tensor;
import io.jgrad.testkit.OpRow.Case;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The rows say what their cases are: as many inputs as the arity, values from the stated domains, finite results. */
class OpTableRowsTest {

    @Property(tries = 200)
    void casesMatchTheirRow(@ForAll("anyRow") Case c) {
        OpRow row = c.row();
        List<Tensor> inputs = c.application().inputs();
        assertEquals(row.arity(), inputs.size(), row.name());
        List<Double> all = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Domain d = row.domains().get(i);
            for (double v : inputs.get(i).data()) {
                assertTrue(d.contains(v), () -> row.name() + ": " + v + " is outside " + d);
                all.add(v);
            }
        }
        if (row.domains().get(0).isDistinct()) {
            assertEquals(all.size(), all.stream().distinct().count(), () -> row.name() + " has ties: " + all);
        }
        // On its domain the op is defined: finite outputs, so central differences are meaningful.
        for (double y : c.application().fn().apply(inputs).data()) {
            assertTrue(Double.isFinite(y), () -> row.name() + " gives " + y + " on " + inputs);
        }
    }

    @Provide
    Arbitrary<Case> anyRow() {
        return Arbitraries.of(OpTable.ROWS).flatMap(OpRow::cases);
    }

}
