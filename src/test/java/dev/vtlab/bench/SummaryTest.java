package dev.vtlab.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(5)
class SummaryTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertEquals(new Summary(128, 123, 138, 5), Summary.of(List.of(138.0, 123.0, 128.0, 131.0, 125.0)));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(new Summary(2.5, 1, 4, 4), Summary.of(List.of(4.0, 1.0, 3.0, 2.0)));
    }

    @Test
    void aSingleRunIsItsOwnMedianMinAndMax() {
        assertEquals(new Summary(7, 7, 7, 1), Summary.of(List.of(7.0)));
    }

    @Test
    void noRunsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Summary.of(List.of()));
    }

    @Test
    void samplesSurviveTheChildsWireFormat() {
        Sample s = Sample.parse("wall_ns=2556000000 lost=0 tasks=1000000");
        assertEquals(2_556_000_000L, s.get("wall_ns"));
        assertEquals(s, Sample.parse(s.toLine()));
        assertThrows(IllegalArgumentException.class, () -> Sample.parse("wall_ns"));
    }
}
