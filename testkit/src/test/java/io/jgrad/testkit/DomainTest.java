package io.jgrad.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Domains contain what they say, describe themselves, and reject nonsense. */
class DomainTest {

    @Test
    void namedDomainsHaveTheDocumentedBounds() {
        assertEquals("any [-3, 3]", Domain.any().toString());
        assertEquals("positive [0.1, 3]", Domain.positive().toString());
        assertEquals("awayFromZero [-3, 3] away from 0 (±0.1)", Domain.awayFromZero().toString());
        assertEquals("unitInterval [0.05, 0.95]", Domain.unitInterval().toString());
        assertEquals("any [-3, 3] away from -1 (±0.01) away from 1 (±0.01), distinct",
                Domain.any().awayFrom(-1, 1).distinct().toString());
    }

    @Test
    void containsHonoursBoundsAndBands() {
        Domain relu = Domain.any().awayFrom(0);
        assertTrue(relu.contains(0.01));
        assertFalse(relu.contains(0.005));
        assertFalse(relu.contains(-3.5));
        assertTrue(Domain.awayFromZero().contains(-0.1));
        assertFalse(Domain.awayFromZero().contains(0.09));
        assertFalse(Domain.positive().contains(Double.NaN));
    }

    @Property(tries = 50)
    void valuesComeFromTheDomain(@ForAll @DoubleRange(min = -2, max = 2) double kink) {
        Domain d = Domain.between(-2.5, 2.5).awayFrom(kink);
        d.values().sampleStream().limit(20).forEach(v -> assertTrue(d.contains(v), () -> v + " outside " + d));
    }

    @Test
    void nonsenseIsRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Domain.between(1, 1));
        assertEquals("Domain.between: need finite lo < hi, got lo = 1.0, hi = 1.0", e.getMessage());
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> Domain.any().awayFrom(Double.POSITIVE_INFINITY));
        assertTrue(inf.getMessage().startsWith("Domain.awayFrom: points must be finite"), inf.getMessage());
        IllegalArgumentException bounds = assertThrows(IllegalArgumentException.class,
                () -> ShapeBounds.defaults().ranks(3, 1));
        assertTrue(bounds.getMessage().contains("got ranks 3..1"), bounds.getMessage());
    }
}
