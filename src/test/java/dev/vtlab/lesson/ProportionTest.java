package dev.vtlab.lesson;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class ProportionTest {

    /** Reference values from the Wilson score formula with z = 1.96 (Newcombe 1998, table I). */
    @Test
    void matchesPublishedWilsonIntervals() {
        var p = new Proportion(81, 263);
        assertEquals(0.2553, p.low(), 5e-4);
        assertEquals(0.3662, p.high(), 5e-4);
        var zero = new Proportion(0, 10);
        assertEquals(0.0, zero.low(), 1e-9);
        assertEquals(0.2775, zero.high(), 5e-4);
    }

    /** 3 of 10 and 300 of 1,000 are both 30 %, but only the second pins it down. */
    @Test
    void moreTrialsNarrowTheInterval() {
        var few = new Proportion(3, 10);
        var many = new Proportion(300, 1000);
        assertTrue(few.high() - few.low() > 3 * (many.high() - many.low()));
        assertTrue(many.low() < 0.3 && 0.3 < many.high());
    }
}
