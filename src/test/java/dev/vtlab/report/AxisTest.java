package dev.vtlab.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(5)
class AxisTest {

    /** The heartbeat's 822 ms: ticks of 200 from 0 to 1000, so every label is round and the last is at the edge. */
    @Test
    void roundsOutToTicksOfOneTwoOrFive() {
        Axis axis = Axis.over(0, 822, 100, 600);
        assertEquals(List.of(0.0, 200.0, 400.0, 600.0, 800.0, 1000.0), axis.ticks());
        assertEquals(100, axis.x(0));
        assertEquals(600, axis.x(1000));
        assertEquals("400", axis.label(400, 1));
    }

    /** A trial whose steps start late: the axis starts at a round tick before the first, not at 0. */
    @Test
    void startsAtARoundTickBeforeTheFirstValue() {
        Axis axis = Axis.over(127.3, 157.9, 0, 700);
        assertEquals(125, axis.min());
        assertEquals(160, axis.max());
        assertEquals(5, axis.step());
    }

    /** Shares shown as percent get the decimals their step needs: 0.2 % steps, one decimal. */
    @Test
    void labelsHaveTheDecimalsTheirStepNeeds() {
        Axis axis = Axis.over(0, 0.01, 0, 700);
        assertEquals(0.002, axis.step(), 1e-12);
        assertEquals("0.4", axis.label(0.004, 100));
        assertEquals("0.0010", Axis.over(0, 0.001, 0, 700).label(0.001, 1));
    }

    /** Nothing to span (every value at one instant) still gives an axis, and values outside it stay on it. */
    @Test
    void survivesAnEmptySpanAndClampsOutsiders() {
        Axis axis = Axis.over(5, 5, 0, 100);
        assertEquals(5, axis.min());
        assertEquals(6, axis.max());
        assertEquals(0, axis.x(-10));
        assertEquals(100, axis.x(1e9));
    }
}
